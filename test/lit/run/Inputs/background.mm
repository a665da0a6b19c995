item lingering { run: "sh -c 'sleep 30 & echo started'", timeout: 500ms }
