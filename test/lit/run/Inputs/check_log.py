"""Checks a stub log (bin/stub): stage order, batches, concurrency bounds.

usage: check_log.py LOG order CMD1 CMD2 ...   every CMDi run ends before any CMDi+1 starts
       (CMD may be CMD:ARG, the runs whose first argument is ARG)
       check_log.py LOG batches CMD SIZE      at most SIZE at once; a batch starts after the previous ended
       check_log.py LOG max CMD N             at most N runs of CMD at once
       check_log.py LOG per_host CMD N        at most N runs of CMD at once on one host
Prints what it checked, exits 1 on a violation."""
import sys
from collections import defaultdict

path, mode, *args = sys.argv[1:]
events = []
for line in open(path):
    ts, ev, host, cmd, *rest = line.split()
    events.append((float(ts), ev, host, cmd, " ".join(rest)))
events.sort()

def runs(spec):
    """Runs of CMD, or of CMD:ARG (its first argument is ARG)."""
    cmd, _, arg = spec.partition(":")
    starts, out = {}, []
    for ts, ev, host, c, rest in events:
        if c != cmd or (arg and rest.split()[:1] != [arg]):
            continue
        key = (host, rest)
        if ev == "start":
            starts[key] = ts
        else:
            out.append((starts.pop(key), ts, host))
    return sorted(out)

def peak(intervals):
    points = sorted([(s, 1) for s, e, *_ in intervals] + [(e, -1) for s, e, *_ in intervals],
                    key=lambda p: (p[0], p[1]))
    now = best = 0
    for _, d in points:
        now += d
        best = max(best, now)
    return best

def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)

if mode == "order":
    for a, b in zip(args, args[1:]):
        ra, rb = runs(a), runs(b)
        if not ra or not rb:
            fail(f"no runs of {a} or {b}")
        if max(e for s, e, h in ra) > min(s for s, e, h in rb):
            fail(f"{b} started before {a} ended")
    print("order ok:", " < ".join(args))
elif mode == "batches":
    cmd, size = args[0], int(args[1])
    r = runs(cmd)
    hosts = sorted({h for s, e, h in r})
    batches = [hosts[i:i + size] for i in range(0, len(hosts), size)]
    for prev, nxt in zip(batches, batches[1:]):
        end = max(e for s, e, h in r if h in prev)
        start = min(s for s, e, h in r if h in nxt)
        if start < end:
            fail(f"batch {nxt} started before batch {prev} ended")
    if peak(r) > size:
        fail(f"{peak(r)} runs of {cmd} at once")
    print(f"batches ok: {batches}, peak {peak(r)}")
elif mode == "max":
    cmd, n = args[0], int(args[1])
    p = peak(runs(cmd))
    if p > n:
        fail(f"{p} runs of {cmd} at once, limit {n}")
    print(f"max ok: peak {p}")
elif mode == "per_host":
    cmd, n = args[0], int(args[1])
    by = defaultdict(list)
    for s, e, h in runs(cmd):
        by[h].append((s, e))
    worst = max(peak(v) for v in by.values())
    if worst > n:
        fail(f"{worst} runs of {cmd} at once on one host, limit {n}")
    print(f"per_host ok: peak {worst}")
