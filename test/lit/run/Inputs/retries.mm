item flaky { run: "sh -c 'test -e @DIR@/second || { touch @DIR@/second; exit 3; }'", retries: 2, retry_delay: 100ms }
item hangs { run: "sh -c '(sleep 1; touch @DIR@/grandchild-survived) & sleep 30'", timeout: 300ms }
item always_fails { run: "false", retries: 1, retry_delay: 10ms }
