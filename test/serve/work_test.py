#!/usr/bin/env python3
"""`magicc work` processes against a real `magicc serve`: they claim the
items that have a command, run them with the task's metadata as values,
record output and exit code, merge the JSON object a command prints into
the metadata, leave items without a command for people, mark a failing
command FAILED, and exit cleanly on SIGTERM.

Usage: work_test.py MAGICC"""
import os
import signal
import subprocess
import sys
import time

from serve_support import Server, jcall, temp_dir

magicc = sys.argv[1]
tmp = temp_dir("magicc-work-")
program = os.path.join(tmp, "work.mm")
with open(program, "w") as f:
    f.write(r'''
param ip: string = "unset"
param who: string = "nobody"
item fetch { run: "echo '{\"ip\": \"10.0.0.7\"}'" }
item configure { depends: fetch, run: "test ${ip} = 10.0.0.7 && echo configured for ${who}" }
item approve { depends: configure }
item broken { if: breakage, run: "echo no >&2; exit 3" }
''')


def wait_for(predicate, what, timeout=15):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out waiting for " + what)


with Server(magicc, program, "sqlite:" + os.path.join(tmp, "tasks.db")) as s:
    b = s.base
    uuid = jcall(b, "POST", "/task/create", {"requirements": [], "who": "ops"})["metadata"]["uuid"]
    bad = jcall(b, "POST", "/task/create", {"requirements": ["breakage"]})["metadata"]["uuid"]
    workers = [subprocess.Popen([magicc, "work", "--server", b, "--jobs", "2"],
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    # A worker says so once SIGTERM stops it cleanly (a slow start, under
    # ASan, was killed by the SIGTERM below before it could handle it).
    for w in workers:
        first = w.stderr.readline()
        assert first.startswith("magicc work: working for " + b), first
    try:
        item = lambda t, n: jcall(b, "GET", f"/task/{t}/{n}")
        configure = wait_for(lambda: (lambda i: i if i["state"] == "COMPLETE" else None)(
            item(uuid, "configure")), "configure")
        assert configure["output"] == "configured for ops\n", configure
        assert configure["exit_code"] == 0
        fetch = item(uuid, "fetch")
        assert fetch["state"] == "COMPLETE" and "_change_state_token" in fetch, fetch
        assert jcall(b, "GET", f"/task/{uuid}/metadata")["ip"] == "10.0.0.7"
        # No command: left for people.
        assert [i["name"] for i in jcall(b, "GET", f"/task/{uuid}/available")] == ["approve"]
        broken = wait_for(lambda: (lambda i: i if i["state"] == "FAILED" else None)(
            item(bad, "broken")), "broken")
        assert broken["exit_code"] == 3 and broken["error_output"] == "no\n", broken
        # A person approves; the task completes.
        jcall(b, "POST", f"/task/{uuid}/approve", {"state": "COMPLETE"})
        assert jcall(b, "GET", f"/task/{uuid}/available") == []
        assert item(uuid, "TaskComplete")["state"] == "COMPLETE"
    finally:
        for w in workers:
            w.send_signal(signal.SIGTERM)
        codes = [w.wait(timeout=10) for w in workers]
        logs = [w.stderr.read() for w in workers]
    assert codes == [0, 0], (codes, logs)
print("work: ok")
