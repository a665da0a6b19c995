# @DIR@ is the test's directory. `slow` waits until the test lets it finish.
item first  { run: "sh -c 'echo x >> @DIR@/first.count'" }
item slow   { depends: first, run: "sh -c 'echo started > @DIR@/slow.started; while [ ! -e @DIR@/go ]; do sleep 0.05; done; echo x >> @DIR@/slow.count'" }
item last   { depends: slow, run: "sh -c 'echo x >> @DIR@/last.count'" }
