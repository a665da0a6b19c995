item waits { run: "touch @DIR@/failed; false", retries: 1, retry_delay: 1h }
