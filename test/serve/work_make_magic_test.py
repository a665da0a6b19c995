#!/usr/bin/env python3
"""`magicc work` against a server without magicc's extensions: a stand-in
for make-magic (its routes only; no /metrics, /claim or long polls), so the
worker falls back to make-magic's way: GET available, then a guarded POST
to IN_PROGRESS whose token says who won.

1. The worker completes a task this way, handing metadata on.
2. SIGTERM between a won claim and the start of its command: the stand-in
   signals the worker while it answers the claim, so the worker learns of
   the stop before it starts the item and must give the item back
   (INCOMPLETE again, its command never run) and exit 0.

Usage: work_make_magic_test.py MAGICC"""
import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from serve_support import temp_dir

magicc = sys.argv[1]
tmp = temp_dir("magicc-work-mm-")


class MakeMagic(ThreadingHTTPServer):
    """make-magic's task API over one task kept in memory."""

    daemon_threads = True

    def __init__(self, items, metadata):
        super().__init__(("127.0.0.1", 0), Handler)
        self.lock = threading.Lock()
        self.uuid = metadata["uuid"]
        self.items = {i["name"]: i for i in items}
        self.metadata = metadata
        self.paths = []  # every request, "METHOD /path"
        self.on_claim = None  # called while answering a won IN_PROGRESS change
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def base(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def available(self):
        done = lambda n: self.items[n]["state"] == "COMPLETE"
        return [i for i in self.items.values() if i["state"] == "INCOMPLETE" and
                i["name"] != "TaskComplete" and all(done(d) for d in i.get("depends", []))]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, value):
        body = json.dumps(value, indent=1).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def route(self, method):
        s = self.server
        s.paths.append(f"{method} {self.path}")
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"null") if length else None
        seg = self.path.split("?")[0].strip("/").split("/")
        if seg[0] != "task":
            return self.answer(404, {"error": "404 Not Found", "message": "nothing here"})
        with s.lock:
            if len(seg) == 1 and method == "GET":
                return self.answer(200, [s.uuid])
            if len(seg) < 3 or seg[1] != s.uuid:
                return self.answer(404, {"error": "404 Not Found", "message": self.path})
            if seg[2] == "available" and method == "GET":
                return self.answer(200, s.available())
            if seg[2] == "metadata":
                if method == "POST":
                    s.metadata.update(body)
                return self.answer(200, s.metadata)
            item = s.items.get(seg[2])
            if item is None:
                return self.answer(200, None)  # make-magic's answer to an unknown item
            if method == "POST":
                onlyif = body.pop("onlyif", {})
                won = all(item.get(k) == v for k, v in onlyif.items())
                if won:
                    item.update(body)
                claim = won and body.get("state") == "IN_PROGRESS" and s.on_claim
                answer = dict(item)
            else:
                claim, answer = False, dict(item)
        if claim:
            s.on_claim()
        self.answer(200, answer)

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")


def wait_for(predicate, what, timeout=15):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("timed out waiting for " + what)


def extension_calls(paths):
    return [p for p in paths if "/claim" in p or "wait=" in p]


# 1. A task completed the make-magic way.
out = os.path.join(tmp, "out")
mm = MakeMagic([
    {"name": "TaskComplete", "state": "INCOMPLETE", "depends": ["greet"]},
    {"name": "fetch", "state": "INCOMPLETE", "run": "echo '{\"who\": \"ops\"}'"},
    {"name": "greet", "state": "INCOMPLETE", "depends": ["fetch"],
     "run": f"echo hello ${{who}} > {out}"},
], {"uuid": "u-1", "metadata": True})
worker = subprocess.Popen([magicc, "work", "--server", mm.base, "--jobs", "1"],
                          stderr=subprocess.PIPE, text=True)
try:
    wait_for(lambda: mm.items["greet"]["state"] != "INCOMPLETE" and
             mm.items["greet"]["state"] != "IN_PROGRESS", "greet")
finally:
    worker.send_signal(signal.SIGTERM)
    code = worker.wait(timeout=10)
    log = worker.stderr.read()
assert code == 0, (code, log)
assert mm.items["fetch"]["state"] == "COMPLETE", mm.items
assert mm.items["greet"]["state"] == "COMPLETE", (mm.items, log)
assert mm.items["greet"]["exit_code"] == 0
assert mm.metadata["who"] == "ops", mm.metadata
with open(out) as f:
    assert f.read() == "hello ops\n"
assert "GET /metrics" in mm.paths, mm.paths  # the probe, answered 404
assert not extension_calls(mm.paths), mm.paths
mm.shutdown()

# 2. Stopped after winning an item but before starting it: given back.
marker = os.path.join(tmp, "ran")
mm = MakeMagic([
    {"name": "TaskComplete", "state": "INCOMPLETE", "depends": ["install"]},
    {"name": "install", "state": "INCOMPLETE", "run": f"touch {marker}"},
], {"uuid": "u-2", "metadata": True})
worker = subprocess.Popen([magicc, "work", "--server", mm.base, "--jobs", "1"],
                          stderr=subprocess.PIPE, text=True)


def stop_worker():
    worker.send_signal(signal.SIGTERM)
    time.sleep(0.3)  # the worker takes the signal before it reads this answer


mm.on_claim = stop_worker
try:
    code = worker.wait(timeout=15)
finally:
    if worker.poll() is None:
        worker.kill()
    log = worker.stderr.read()
assert code == 0, (code, log)
install = mm.items["install"]
assert install["state"] == "INCOMPLETE", (install, log)
assert "gave back install" in log, log
assert not os.path.exists(marker), "the command ran after the stop"
assert not extension_calls(mm.paths), mm.paths
mm.shutdown()
print("work against make-magic: ok")
