# @DIR@ is the test's directory. `slow` logs its start and end, and waits
# until the test lets it finish (or it is stopped).
item first { run: "sh -c 'echo x >> @DIR@/first.count'" }
item slow  { depends: first, run: "sh -c 'echo start >> @DIR@/slow.log; echo $$ > @DIR@/slow.started; while [ ! -e @DIR@/go ]; do sleep 0.05; done; echo end >> @DIR@/slow.log'" }
