#!/usr/bin/env python3
"""`magicc run` with many ready nodes at --jobs 64 (local backend, `true`)
leaves no zombie and no leaked descriptor (docs/reliability.md, "Load").

Usage: run_load.py   (MAGICC: the binary; LOAD_NODES: ready nodes, 10000)

The program: `first`, then LOAD_NODES nodes after it (all ready at once
when it completes), then `last` after all of them. `first` and `last` run
a probe that records magicc's descriptors and children; the test samples
both every 20 ms during the run. This process is the run's subreaper: a
process magicc left behind would become its child."""
import ctypes
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from load_support import check, children, fd_count

MAGICC = os.environ.get("MAGICC", "magicc")
NODES = int(os.environ.get("LOAD_NODES", 10000))
JOBS = 64
PR_SET_CHILD_SUBREAPER = 36

PROBE = r'''
import json, os, sys
sys.path.insert(0, %r)
from load_support import children
magicc = os.getppid()
with open(sys.argv[1], "w") as f:
    json.dump({"fds": sorted(os.readlink("/proc/%%d/fd/%%s" %% (magicc, fd))
                             for fd in os.listdir("/proc/%%d/fd" %% magicc)),
               "children": [c for c in children(magicc) if c[0] != os.getpid()]}, f)
'''


def kinds(fds):
    """A process's descriptors with pipes' inode numbers left out."""
    return sorted("pipe" if fd.startswith("pipe:") else fd for fd in fds)


def main():
    libc = ctypes.CDLL(None, use_errno=True)
    check(libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0, "cannot become a subreaper")
    work = tempfile.mkdtemp(prefix="magicc-run-load-")
    try:
        probe = os.path.join(work, "probe.py")
        with open(probe, "w") as f:
            f.write(PROBE % os.path.dirname(os.path.abspath(__file__)))
        first, last = os.path.join(work, "first.json"), os.path.join(work, "last.json")
        program = os.path.join(work, "many.mm")
        with open(program, "w") as f:
            f.write('item first { run: "python3 %s %s" }\n' % (probe, first))
            for i in range(NODES):
                f.write('item n%05d { depends: first, run: "true" }\n' % i)
            f.write('item last { depends: [%s], run: "python3 %s %s" }\n' %
                    (", ".join("n%05d" % i for i in range(NODES)), probe, last))
        started = time.monotonic()
        log = open(os.path.join(work, "run.log"), "w+")  # a pipe would fill up unread
        proc = subprocess.Popen([MAGICC, "run", program, "--jobs", str(JOBS), "--state",
                                 os.path.join(work, "state", "state.db")],
                                stdout=log, stderr=subprocess.STDOUT, cwd=work)
        peak_fds = peak_zombies = peak_children = samples = 0
        while proc.poll() is None:
            try:
                kids = children(proc.pid)
                fds = fd_count(proc.pid)
            except OSError:
                break
            samples += 1
            peak_fds = max(peak_fds, fds)
            peak_children = max(peak_children, len(kids))
            peak_zombies = max(peak_zombies, sum(1 for _, state in kids if state == "Z"))
            time.sleep(0.02)
        proc.wait()
        elapsed = time.monotonic() - started
        log.seek(0)
        output = log.read()
        log.close()
        check(proc.returncode == 0, "magicc run exited %d:\n%s" % (proc.returncode,
                                                                  output[-3000:]))
        summary = output.strip().splitlines()[-1]
        check(summary.startswith("0 ok, %d changed, 0 failed" % (NODES + 2)), summary)
        with open(first) as f:
            at_first = json.load(f)
        with open(last) as f:
            at_last = json.load(f)
        # Left behind: anything reparented to this subreaper, zombie or not.
        left = children(os.getpid())
        print("magicc run: %d ready `true` nodes at --jobs %d in %.1f s (%.1f ms per node)" %
              (NODES, JOBS, elapsed, 1000 * elapsed / NODES))
        print("  magicc's descriptors: %d at the first node, %d at the last, peak %d while "
              "the nodes ran; children at once: peak %d, zombies among them: peak %d "
              "(%d samples); at the last node: %d zombies; after the run: %d processes left" %
              (len(at_first["fds"]), len(at_last["fds"]), peak_fds, peak_children, peak_zombies,
               samples, sum(1 for _, s in at_last["children"] if s == "Z"), len(left)))
        # The same files and the same number of pipes (the probe's own
        # output pipes are new ones each time).
        check(kinds(at_last["fds"]) == kinds(at_first["fds"]),
              "descriptors differ between the first and the last node:\n%s\n%s" %
              (at_first["fds"], at_last["fds"]))
        check(not at_last["children"], "magicc's other children at the last node: %s" %
              at_last["children"])
        check(not at_first["children"], "magicc's other children at the first node: %s" %
              at_first["children"])
        # Each running command holds two pipes (its stdout and stderr) in
        # magicc; the one being started, two more for a moment. The probe's
        # two are in the count at the first node.
        check(peak_fds <= len(at_first["fds"]) + 2 * JOBS + 2,
              "magicc held %d descriptors while running (%d at the first node)" %
              (peak_fds, len(at_first["fds"])))
        check(peak_children <= JOBS, "magicc had %d children at once" % peak_children)
        check(not left, "processes left after the run: %s" % left)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("ok")


if __name__ == "__main__":
    main()
