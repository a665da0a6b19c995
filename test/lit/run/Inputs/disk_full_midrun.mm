# @DIR@ is the test's directory; the state is on the tmpfs @DIR@/mnt. `fill`
# fills the tmpfs (once: a rerun finds the mark) and the run goes on.
item a    { run: "sh -c 'echo a >> @DIR@/log'" }
item b    { depends: a, run: "sh -c 'echo b >> @DIR@/log'" }
item fill { depends: b, run: "sh -c 'test -e @DIR@/filled || { dd if=/dev/zero of=@DIR@/mnt/fill bs=4k 2>/dev/null; touch @DIR@/filled; }; echo fill >> @DIR@/log'" }
item c    { depends: fill, run: "sh -c 'echo c >> @DIR@/log'" }
item d    { depends: c, run: "sh -c 'echo d >> @DIR@/log'" }
