item waits { run: "false", retries: 1, retry_delay: 1h }
