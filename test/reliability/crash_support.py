"""Helpers for the crash-safety tests: a scratch directory, `magicc run`
started and SIGKILLed at points a fixed-seed RNG chooses, the journal read
read-only between kills, and the commands' own log counted."""
import collections
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time

MAGICC = os.environ.get("MAGICC", "magicc")
SEED = int(os.environ.get("MAGICC_CRASH_SEED", "19"))
# Under the sanitizer build (setup.sh sanitize sets ASAN_OPTIONS) each magicc
# start costs a second or more: fewer kills, the same checks.
SANITIZED = bool(os.environ.get("ASAN_OPTIONS"))


def kills(normal, sanitized):
    return sanitized if SANITIZED else normal


class Scratch:
    """A directory for one scenario, removed unless the scenario failed."""

    def __init__(self, name):
        self.path = tempfile.mkdtemp(prefix="magicc-crash-%s." % name)

    def __call__(self, *parts):
        return os.path.join(self.path, *parts)

    def cleanup(self):
        shutil.rmtree(self.path, ignore_errors=True)


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError:
        return ""


def log_counts(path):
    """How often each name appears as a line of the commands' log."""
    return collections.Counter(line.strip() for line in read(path).splitlines() if line.strip())


def log_lines(path):
    return len(read(path).splitlines())


def wait_until(predicate, timeout=20, step=0.001):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def node_key(target, name):
    """How the commands' log names a node: `name` on this machine (`local`),
    `host/name` for a stage's task on a host."""
    return name if target == "local" else "%s/%s" % (target, name)


def journal_states(state_path):
    """{node key: latest state} of the journal's last run, and the run's
    status; read-only, so that the test changes nothing in it."""
    if not os.path.exists(state_path):
        return {}, None
    db = sqlite3.connect("file:%s?mode=ro" % state_path, uri=True, timeout=10)
    try:
        run = db.execute("SELECT id, status FROM runs ORDER BY key DESC LIMIT 1").fetchone()
        if run is None:
            return {}, None
        rows = db.execute("SELECT target, name, state FROM nodes WHERE run = ?",
                          (run[0],)).fetchall()
        return {node_key(t, n): st for t, n, st in rows}, run[1]
    finally:
        db.close()


class Ledger:
    """What the journal promised at each kill, checked against the log.

    docs/runtime.md, "At least once": a node COMPLETE in the journal never
    runs again; one IN_PROGRESS when magicc died may run once more (its
    command may have run, partly or not at all). So a node may run at most
    1 + (kills that found it IN_PROGRESS) times, and at least once."""

    def __init__(self, seed, nodes):
        self.seed = seed
        self.nodes = set(nodes)  # the nodes whose commands write the log
        self.kills = []  # (attempt, description)
        self.complete_counts = {}  # node -> log count when first seen COMPLETE
        self.allowance = collections.Counter()
        self.violations = []

    def after_kill(self, what, state_path, log_path):
        """Called once magicc is dead (killed, or ended by a failure)."""
        states, _ = journal_states(state_path)
        counts = log_counts(log_path)
        self.kills.append(what)
        for node, state in states.items():
            if node not in self.nodes:
                continue
            if state == "COMPLETE":
                before = self.complete_counts.setdefault(node, counts[node])
                if counts[node] != before:
                    self.violations.append("%s ran again after the journal said COMPLETE "
                                           "(%d -> %d times, seen at %s)" %
                                           (node, before, counts[node], what))
                if counts[node] == 0:
                    self.violations.append("%s is COMPLETE in the journal but never ran (%s)" %
                                           (node, what))
            elif state in ("IN_PROGRESS", "FAILED"):
                # Under way (or failed: an agent restarted under it) when
                # the run ended: it runs again.
                self.allowance[node] += 1
            elif counts[node] > self.allowance[node]:
                # Not started according to the journal, yet it ran more
                # often than earlier kills allow.
                self.violations.append("%s is %s in the journal but ran %d times (allowed %d) "
                                       "at %s" % (node, state, counts[node],
                                                  self.allowance[node], what))

    def final(self, log_path):
        counts = log_counts(log_path)
        nodes = self.nodes
        for node in sorted(nodes):
            if counts[node] < 1:
                self.violations.append("%s never ran: lost" % node)
            if counts[node] > 1 + self.allowance[node]:
                self.violations.append("%s ran %d times; the journal allowed %d" %
                                       (node, counts[node], 1 + self.allowance[node]))
            if node in self.complete_counts and counts[node] != self.complete_counts[node]:
                self.violations.append("%s ran again after COMPLETE" % node)
        for name in counts:
            if name not in nodes:
                self.violations.append("unknown line in the log: %r" % name)
        return counts

    def report(self):
        return "seed %d; kill points:\n  %s\nviolations:\n  %s" % (
            self.seed, "\n  ".join(self.kills), "\n  ".join(self.violations))


def start(args, out_path):
    out = open(out_path, "ab")
    proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, start_new_session=False)
    out.close()
    return proc


def kill(proc):
    """SIGKILL magicc itself (its commands live on in their own groups, as
    after a real crash: --resume waits for them)."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    return proc.wait()


def leftovers(run_id):
    """Processes a killed run left running (each carries MAGICC_RUN_ID)."""
    mark = ("MAGICC_RUN_ID=%s" % run_id).encode()
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/environ" % pid, "rb") as f:
                if mark in f.read().split(b"\0"):
                    found.append(int(pid))
        except OSError:
            pass
    return found


def wait_for_leftovers(state_path, timeout=20):
    """Until what the journal's last run left running has ended."""
    db = sqlite3.connect("file:%s?mode=ro" % state_path, uri=True, timeout=10)
    try:
        run_id = db.execute("SELECT id FROM runs ORDER BY key DESC LIMIT 1").fetchone()[0]
    finally:
        db.close()
    return wait_until(lambda: not leftovers(run_id), timeout=timeout, step=0.01)


def rng(name):
    return random.Random("%d/%s" % (SEED, name))
