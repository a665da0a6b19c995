# @DIR@ is the test's directory.
item running { run: "sh -c 'echo started > @DIR@/started; sleep 1; echo x >> @DIR@/running.count'" }
item later   { depends: running, run: "sh -c 'echo x >> @DIR@/later.count'" }
