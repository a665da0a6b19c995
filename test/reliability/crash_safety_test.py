"""Crash safety: `magicc run` SIGKILLed at points a fixed-seed RNG chooses,
then `magicc run --resume` until the run completes; the commands' own log
proves that nothing the journal said COMPLETE ran twice and that nothing was
lost (docs/reliability.md). The same during `--check`, file writes, a
batched pipeline stage and an agent's jobs. MAGICC_CRASH_SEED picks another
seed; the seed and every kill point are printed when a check fails."""
import glob
import hashlib
import json
import os
import socket
import sqlite3
import time
import unittest
import urllib.request

from crash_support import (MAGICC, SEED, Ledger, Scratch, journal_states, kill, log_counts,
                           kills, log_lines, read, rng, start, wait_for_leftovers, wait_until,
                           write)


def dag_program(log, nodes, rand, max_deps=3):
    """`nodes` items n0..n{nodes-1}, each depending on up to max_deps earlier
    ones; each appends its name to `log`, then sleeps a little so that a
    kill finds commands after their line as well as between them."""
    lines = []
    for i in range(nodes):
        deps = sorted(set(rand.randrange(i) for _ in range(rand.randint(0, max_deps)))) if i else []
        dep = " depends: [%s]," % ", ".join("n%d" % d for d in deps) if deps else ""
        lines.append('item n%d {%s run: "echo n%d >> %s; sleep 0.01" }' % (i, dep, i, log))
    return "\n".join(lines) + "\n"


def after_lines(log, low, high, delay_ms):
    """A kill point: k more lines in the log (k in [low, high]), then a
    random delay, so that kills land inside commands, between them, inside
    magicc's journal commits and (k = 0) while a resume starts."""
    def point(rand, attempt, proc):
        k = rand.randint(max(low, 1) if attempt == 0 else low, high)
        delay = rand.uniform(0, delay_ms) / 1000
        target = log_lines(log) + k
        wait_until(lambda: log_lines(log) >= target or proc.poll() is not None)
        time.sleep(delay)
        return "after %d lines (+%d) and %.1f ms" % (target, k, delay * 1000)
    return point


def after_delay(low_ms, high_ms):
    """A kill point: a random delay after magicc started."""
    def point(rand, attempt, proc):
        delay = rand.uniform(low_ms, high_ms) / 1000
        time.sleep(delay)
        return "after %.1f ms" % (delay * 1000)
    return point


class KillLoop:
    """Runs `first`, then `resume` after each kill, killing each at the point
    `point` waits for, `count` times; then lets the last one finish."""

    def __init__(self, test, scratch, ledger, state, log):
        self.test, self.scratch, self.ledger = test, scratch, ledger
        self.state, self.log = state, log
        self.resumes = 0
        self.missed = 0  # kill points the run outlived: it had finished

    def run(self, first, resume, count, point, rand, between=None):
        args = first
        for attempt in range(count + 1):
            out = self.scratch("out.%d" % attempt)
            proc = start(args, out)
            if attempt < count:
                description = point(rand, attempt, proc)
                code = kill(proc)
                if code == -9:
                    self.ledger.after_kill("#%d %s" % (attempt, description), self.state,
                                           self.log)
                    if between:
                        between(attempt)
                    status = journal_states(self.state)[1]
                    if status == "done":  # killed on its way out: nothing to resume
                        return read(out)
                    # Killed before the run was journaled: nothing to
                    # resume (--resume says so), it starts again.
                    args = resume if status else first
                    self.resumes += 1
                    continue
                self.missed += 1
            else:
                code = proc.wait(60)
            self.test.assertEqual(code, 0, "attempt %d exited %s:\n%s\n%s" %
                                  (attempt, code, read(out), self.ledger.report()))
            return read(out)
        raise AssertionError("unreachable")


def journal_summary(state):
    """The journal's runs and transitions, to show that nothing wrote to it."""
    db = sqlite3.connect("file:%s?mode=ro" % state, uri=True)
    try:
        return (db.execute("SELECT id, status, finished FROM runs").fetchall(),
                db.execute("SELECT count(*), max(seq) FROM transitions").fetchone())
    finally:
        db.close()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def post(base, path, body):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def get(base, path):
    with urllib.request.urlopen(base + path, timeout=10) as r:
        return json.loads(r.read())


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class CrashSafety(unittest.TestCase):
    def setUp(self):
        self.began = time.monotonic()

    def figures(self, name, text):
        print("%s: seed %d, %s, %.1f s" % (name, SEED, text, time.monotonic() - self.began))

    def finish(self, ledger, state, scratch):
        counts = ledger.final(scratch("log"))
        self.assertEqual(ledger.violations, [], ledger.report())
        states, status = journal_states(state)
        self.assertEqual(status, "done", ledger.report())
        self.assertEqual(set(states.values()), {"COMPLETE"}, ledger.report())
        return counts

    def test_run_200_nodes_killed_50_times(self):
        s = Scratch("run")
        rand = rng("run")
        log, state, program = s("log"), s("state", "run.db"), s("dag.mm")
        write(program, dag_program(log, 200, rand))
        ledger = Ledger(SEED, ["n%d" % i for i in range(200)])
        loop = KillLoop(self, s, ledger, state, log)
        base = [MAGICC, "run", program, "--state", state, "-j", "4"]
        count = kills(50, 10)
        loop.run(base, base + ["--resume"], count, after_lines(log, 0, 4, 15), rand)
        counts = self.finish(ledger, state, s)
        self.assertEqual(len(ledger.kills), count, ledger.report())
        self.figures("run", "200 nodes, %d kills, %d resumes, %d commands ran again (at most %d "
                     "allowed: IN_PROGRESS at a kill)" %
                     (len(ledger.kills), loop.resumes, sum(c - 1 for c in counts.values()),
                      sum(ledger.allowance.values())))
        s.cleanup()

    def test_check_killed(self):
        """--check killed while a killed run waits for --resume: --check runs
        no command, writes no file and leaves the journal as it was; the run
        then resumes as if --check had never run."""
        s = Scratch("check")
        rand = rng("check")
        log, state, program = s("log"), s("state", "c.db"), s("c.mm")
        os.makedirs(s("etc"))
        items = ["i%d" % i for i in range(30)]
        text = dag_program(log, 30, rand).replace("item n", "item i").replace(
            "echo n", "echo i").replace("[n", "[i").replace(", n", ", i")
        for i in range(20):
            write(s("etc", "f%d" % i), "old %d\n" % i)
            text += 'resource file f%d { path: "%s", content: "new %d\\n" }\n' % (
                i, s("etc", "f%d" % i), i)
        write(program, text)
        ledger = Ledger(SEED, items)
        base = [MAGICC, "run", program, "--state", state, "-j", "2"]
        proc = start(base, s("out.run"))
        after_lines(log, 5, 8, 5)(rand, 0, proc)
        self.assertEqual(kill(proc), -9, read(s("out.run")))
        ledger.after_kill("run after 5-8 lines", state, log)
        # Its commands end on their own: only then is the log a baseline.
        self.assertTrue(wait_for_leftovers(state))
        before = (journal_summary(state), read(log),
                  {f: read(f) for f in glob.glob(s("etc", "*"))})
        # A whole --check first: how long it takes places the kills inside it.
        began = time.monotonic()
        check = start(base + ["--check"], s("out.check"))
        self.assertEqual(check.wait(60), 0, read(s("out.check")))
        self.assertIn("would change", read(s("out.check")))
        length = (time.monotonic() - began) * 1000
        killed = 0
        for attempt in range(kills(8, 3)):
            check = start(base + ["--check"], s("out.check.%d" % attempt))
            what = after_delay(length * 0.2, length)(rand, attempt, check)
            if kill(check) == -9:
                killed += 1
                ledger.kills.append("--check #%d %s" % (attempt, what))
            self.assertEqual((journal_summary(state), read(log),
                              {f: read(f) for f in glob.glob(s("etc", "*"))}), before,
                             "--check killed %s changed something\n%s" % (what, ledger.report()))
        loop = KillLoop(self, s, ledger, state, log)
        loop.run(base + ["--resume"], base + ["--resume"], kills(3, 1), after_lines(log, 1, 4, 5),
                 rand)
        self.finish(ledger, state, s)
        for i in range(20):
            self.assertEqual(read(s("etc", "f%d" % i)), "new %d\n" % i)
        self.figures("check", "30 items and 20 files, a run killed once, --check (%.0f ms "
                     "whole) killed %d times, then %d kills of the resume" %
                     (length, killed, loop.resumes))
        s.cleanup()

    def test_file_writes_killed(self):
        """Big files replaced while magicc is killed: each is the old content
        or the new, never a mix; a COMPLETE file is the new content; the item
        after each file finds it whole; no temp file stays."""
        s = Scratch("file")
        rand = rng("file")
        log, state, program = s("log"), s("state", "f.db"), s("f.mm")
        os.makedirs(s("etc"))
        old, new = os.urandom(2 << 20), os.urandom(2 << 20)
        with open(s("new.bin"), "wb") as f:
            f.write(new)
        text = ""
        for i in range(12):
            with open(s("etc", "f%d" % i), "wb") as f:
                f.write(old)
            text += 'resource file f%d { path: "%s", source: "new.bin" }\n' % (i, s("etc", "f%d" % i))
            text += 'item use%d { depends: f%d, run: "cmp -s %s %s && echo use%d >> %s" }\n' % (
                i, i, s("etc", "f%d" % i), s("new.bin"), i, log)
        write(program, text)
        ledger = Ledger(SEED, ["use%d" % i for i in range(12)])
        old_d, new_d = hashlib.sha256(old).hexdigest(), hashlib.sha256(new).hexdigest()
        torn = []
        seen = {"partly replaced": 0, "temp files left": 0}

        def whole(attempt):
            states, _ = journal_states(state)
            names = os.listdir(s("etc"))
            seen["temp files left"] += any(".magicc-" in n for n in names)
            fresh = sum(digest(s("etc", "f%d" % i)) == new_d for i in range(12))
            seen["partly replaced"] += 0 < fresh < 12
            for i in range(12):
                d = digest(s("etc", "f%d" % i))
                if d not in (old_d, new_d):
                    torn.append("f%d torn after kill #%d" % (i, attempt))
                if states.get("f%d" % i) == "COMPLETE" and d != new_d:
                    torn.append("f%d COMPLETE but not the new content (#%d)" % (i, attempt))

        loop = KillLoop(self, s, ledger, state, log)
        base = [MAGICC, "run", program, "--state", state, "-j", "3"]
        def writing(rand, attempt, proc):
            """A kill point inside the writes: once a temp file appears,
            then a random delay."""
            wait_until(lambda: proc.poll() is not None or
                       any(".magicc-" in n for n in os.listdir(s("etc"))), step=0.0005)
            delay = rand.uniform(0, 30) / 1000
            time.sleep(delay)
            return "%.1f ms after a write began" % (delay * 1000)

        loop.run(base, base + ["--resume"], kills(10, 4), writing, rand, between=whole)
        self.assertEqual(torn, [], ledger.report())
        self.finish(ledger, state, s)
        for i in range(12):
            self.assertEqual(digest(s("etc", "f%d" % i)), new_d)
        self.assertEqual(sorted(os.listdir(s("etc"))), sorted("f%d" % i for i in range(12)))
        self.figures("file", "12 files of 2 MiB, %d kills (%d after the run had ended; %d "
                     "with the files partly replaced, %d leaving a temp file)" %
                     (len(ledger.kills), loop.missed, seen["partly replaced"],
                      seen["temp files left"]))
        s.cleanup()

    def test_batched_stage_killed(self):
        """A pipeline whose middle stage runs in batches of 4: killed and
        resumed, no batch starts before the one before it is done, no stage
        before the last one is, and nothing COMPLETE runs again."""
        s = Scratch("pipeline")
        rand = rng("pipeline")
        log, state, program = s("log"), s("state", "p.db"), s("p.mm")
        hosts = ["h%02d" % i for i in range(1, 17)]
        write(s("hosts.yaml"), "all:\n  vars:\n    ansible_connection: local\n  children:\n"
              "    fleet:\n      hosts:\n" + "".join("        %s: {}\n" % h for h in hosts))
        write(program, 'pipeline roll() {\n' + "".join(
            '  stage %s { on: fleet, %s run: "sh -c \'echo ${host.name}/%s >> %s; sleep 0.02\'" }\n'
            % (stage, extra, stage, log)
            for stage, extra in (("prepare", "concurrency: 6,"), ("upgrade", "batch: 4,"),
                                 ("verify", ""))) + "}\n")
        stages = ("prepare", "upgrade", "verify")
        ledger = Ledger(SEED, ["%s/%s" % (h, st) for h in hosts for st in stages])
        loop = KillLoop(self, s, ledger, state, log)
        base = [MAGICC, "run", program, "roll", "-i", s("hosts.yaml"), "--state", state, "-j", "8"]
        loop.run(base, [MAGICC, "run", program, "--resume", "--state", state, "-j", "8"],
                 kills(10, 4), after_lines(log, 1, 6, 20), rand)
        self.finish(ledger, state, s)
        # Order, from the log: a line may only follow every line it waits for.
        lines = read(log).split()
        seen = set()
        batch = {h: i // 4 for i, h in enumerate(hosts)}
        for line in lines:
            host, stage = line.split("/")
            if stage == "upgrade":
                waits = {"%s/prepare" % h for h in hosts} | {
                    "%s/upgrade" % h for h in hosts if batch[h] < batch[host]}
            elif stage == "verify":
                waits = {"%s/upgrade" % h for h in hosts}
            else:
                waits = set()
            self.assertFalse(waits - seen, "%s ran before %s\n%s" %
                             (line, sorted(waits - seen), ledger.report()))
            seen.add(line)
        self.figures("pipeline", "16 hosts x 3 stages, batches of 4, %d kills" %
                     len(ledger.kills))
        s.cleanup()

    def test_agent_jobs_killed(self):
        """Items run as jobs of a real `magicc agent`; magicc run, the agent
        or both are SIGKILLed (the agent restarted on its port and state),
        then the run resumes: nothing COMPLETE runs again, nothing is lost."""
        s = Scratch("agent")
        rand = rng("agent")
        log, state, program = s("log"), s("state", "a.db"), s("a.mm")
        port = free_port()
        write(s("tokens"), "runner run run-0123456789abcdef\n")
        os.chmod(s("tokens"), 0o600)
        write(s("run.token"), "run-0123456789abcdef\n")
        write(s("hosts.yaml"), "all:\n  children:\n    fleet:\n      hosts:\n        a1: "
              "{ansible_connection: magicc_agent, magicc_agent_url: \"http://127.0.0.1:%d\"}\n"
              % port)
        write(program, dag_program(log, 40, rand).replace("echo n", "echo a1/n").replace(
            "sleep 0.01", "sleep 0.02"))
        agent_args = [MAGICC, "agent", "--listen", "127.0.0.1:%d" % port, "--token-file",
                      s("tokens"), "--state", s("agent")]

        def agent():
            started = read(s("agent.out")).count("listening on")
            proc = start(agent_args, s("agent.out"))
            self.assertTrue(wait_until(lambda: proc.poll() is not None or
                                       read(s("agent.out")).count("listening on") > started,
                                       timeout=20, step=0.01), read(s("agent.out")))
            self.assertIsNone(proc.poll(), read(s("agent.out")))
            return proc

        ledger = Ledger(SEED, ["a1/n%d" % i for i in range(40)])
        run = [MAGICC, "run", program, "-i", s("hosts.yaml"), "--hosts", "fleet", "--state",
               state, "--agent-token-file", s("run.token"), "-j", "4"]
        resume = [MAGICC, "run", program, "--resume", "--state", state, "--agent-token-file",
                  s("run.token"), "-j", "4"]
        server = agent()
        what = {"magicc": 0, "agent": 0, "both": 0}
        failed_runs = 0
        args = run
        try:
            count = kills(10, 4)
            for attempt in range(count + 2):
                out = s("out.%d" % attempt)
                proc = start(args, out)
                if attempt < count:
                    victim = rand.choice(["magicc", "magicc", "agent", "both"])
                    target = log_lines(log) + rand.randint(1, 4)
                    wait_until(lambda: log_lines(log) >= target or proc.poll() is not None)
                    delay = rand.uniform(0, 30) / 1000
                    time.sleep(delay)
                    if proc.poll() is None:
                        what[victim] += 1
                        if victim in ("agent", "both"):
                            kill(server)
                        if victim in ("magicc", "both"):
                            kill(proc)
                        if victim != "magicc":
                            server = agent()
                        ledger.kills.append("#%d %s after %d lines and %.1f ms" %
                                            (attempt, victim, target, delay * 1000))
                code = proc.wait(60)
                if code == 0:
                    break
                if code != -9:
                    failed_runs += 1  # the agent died under a job: FAILED, resumed
                    self.assertEqual(code, 1, read(out))
                ledger.after_kill("end of #%d (exit %d)" % (attempt, code), state, log)
                ledger.kills.pop()
                args = resume if journal_states(state)[1] else run
            else:
                self.fail("the run never finished\n" + ledger.report())
        finally:
            kill(server)
        self.finish(ledger, state, s)
        self.figures("agent", "40 items through a real agent, %d kills of magicc, %d of the "
                     "agent, %d of both; %d runs failed by the agent's death and resumed" %
                     (what["magicc"], what["agent"], what["both"], failed_runs))
        s.cleanup()

    def test_serve_killed_while_workers_claim(self):
        """`magicc serve` on SQLite SIGKILLed and restarted on the same file
        while three `magicc work` processes (3 threads each) claim items:
        no item is claimed twice (its command's line appears at most once)
        and, once the server stays up, every item completes."""
        s = Scratch("serve")
        rand = rng("serve")
        log, program, db = s("log"), s("w.mm"), s("tasks.db")
        names = ["w%d" % i for i in range(30)]
        text = 'param tag: string = "none"\n'
        for i, name in enumerate(names):
            deps = sorted(set("w%d" % rand.randrange(i) for _ in range(rand.randint(0, 2)))) if i else []
            dep = " depends: [%s]," % ", ".join(deps) if deps else ""
            text += 'item %s {%s run: "echo ${tag}/%s >> %s; sleep 0.01" }\n' % (name, dep, name, log)
        write(program, text)
        port = free_port()
        base = "http://127.0.0.1:%d" % port

        def serve():
            proc = start([MAGICC, "serve", program, "--listen", "127.0.0.1:%d" % port,
                          "--store", "sqlite:" + db], s("serve.out"))
            self.assertTrue(wait_until(lambda: proc.poll() is not None or listening(port),
                                       timeout=20, step=0.01), read(s("serve.out")))
            self.assertIsNone(proc.poll(), read(s("serve.out")))
            return proc

        server = serve()
        tags = ["t%d" % i for i in range(4)]
        uuids = {}
        for tag in tags:
            uuids[tag] = post(base, "/task/create", {"requirements": [], "tag": tag})["metadata"]["uuid"]
        workers = [start([MAGICC, "work", "--server", base, "--jobs", "3"], s("work%d.out" % i))
                   for i in range(3)]
        kill_points = []
        try:
            for k in range(kills(10, 4)):
                target = log_lines(log) + rand.randint(2, 9)
                if not wait_until(lambda: log_lines(log) >= target, timeout=20):
                    break  # no progress: the checks below say why
                delay = rand.uniform(0, 20) / 1000
                time.sleep(delay)
                kill(server)
                kill_points.append("after %d lines and %.1f ms" % (target, delay * 1000))
                time.sleep(rand.uniform(0, 100) / 1000)
                server = serve()
            total = len(tags) * len(names)

            def done():
                states = [get(base, "/task/%s/%s" % (u, n))["state"]
                          for u in uuids.values() for n in names]
                return states.count("COMPLETE") == total
            finished = wait_until(done, timeout=30, step=0.1)
            states = {(t, n): get(base, "/task/%s/%s" % (uuids[t], n))["state"]
                      for t in tags for n in names}
        finally:
            for w in workers:
                w.terminate()
            for w in workers:
                w.wait(10)
            server.terminate()
            server.wait(10)
        counts = log_counts(log)
        report = "seed %d; server killed %s\n" % (SEED, "; ".join(kill_points))
        twice = sorted(k for k, c in counts.items() if c > 1)
        self.assertEqual(twice, [], report + "claimed twice")
        stuck = sorted("%s/%s %s" % (t, n, st) for (t, n), st in states.items()
                       if st != "COMPLETE")
        self.assertTrue(finished and not stuck, report + "not complete: %s" % stuck)
        recovered = sum(read(s("work%d.out" % i)).count("the server's answer was lost")
                        for i in range(3))
        self.figures("serve", "%d items in %d tasks, 3 workers x 3 threads, the server killed "
                     "%d times, %d claims whose answer was lost taken up again" %
                     (total, len(tags), len(kill_points), recovered))
        s.cleanup()


if __name__ == "__main__":
    unittest.main()
