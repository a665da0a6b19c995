"""`magicc work` when the server commits a change and dies before it answers
(docs/serve.md, "Running workers"): a stand-in task server that drops the
connection after committing a worker's claim, then after committing its
result, then answers its result 503 (restarting). The claim is found again
by the worker's token, the command runs once, and the result is sent until
it is taken: the item is COMPLETE, never left IN_PROGRESS with nobody on it.
Both ways of claiming: magicc serve's POST /claim, and make-magic's guarded
change to IN_PROGRESS.

Usage: MAGICC=... python3 -m unittest work_lost_answers_test"""
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAGICC = os.environ.get("MAGICC", "magicc")


class TaskServer(ThreadingHTTPServer):
    """One task in memory; `faults` lists what goes wrong, in order, each
    once: "claim" (the claim is committed, the connection dropped),
    "result" (the result is committed, the connection dropped), "503" (a
    result is refused as by a server restarting)."""

    daemon_threads = True

    def __init__(self, extensions, items, faults):
        super().__init__(("127.0.0.1", 0), Handler)
        self.extensions = extensions
        self.lock = threading.Lock()
        self.items = {i["name"]: i for i in items}
        self.faults = list(faults)
        self.happened = []
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def base(self):
        return "http://127.0.0.1:%d" % self.server_address[1]

    def fault(self, kind):
        if self.faults and self.faults[0] == kind:
            self.happened.append(self.faults.pop(0))
            return True
        return False

    def claimable(self):
        done = lambda n: self.items[n]["state"] == "COMPLETE"
        return [i for i in self.items.values() if i["state"] == "INCOMPLETE" and
                i["name"] != "TaskComplete" and "run" in i and
                all(done(d) for d in i.get("depends", []))]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, value):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def drop(self):
        """As a server killed after its commit: no answer at all."""
        self.close_connection = True
        self.connection.close()

    def route(self, method):
        s = self.server
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else None
        seg = self.path.split("?")[0].strip("/").split("/")
        if seg == ["metrics"]:
            return self.answer(200 if s.extensions else 404, {})
        if seg[0] != "task":
            return self.answer(404, {"error": "404 Not Found"})
        with s.lock:
            if len(seg) == 1:
                return self.answer(200, ["u-1"])
            if len(seg) == 2:
                return self.answer(200, {"items": list(s.items.values()), "metadata": {}})
            if seg[2] == "available":
                return self.answer(200, s.claimable())
            if seg[2] == "metadata":
                return self.answer(200, {"uuid": "u-1"})
            if seg[2] == "claim" and method == "POST":
                ready = s.claimable()
                if not ready:
                    self.send_response(204)
                    self.send_header("Content-Length", "0")
                    return self.end_headers()
                ready[0].update(state="IN_PROGRESS", _change_state_token=body["token"])
                if s.fault("claim"):
                    return self.drop()
                return self.answer(200, ready[0])
            item = s.items[seg[2]]
            if method == "GET":
                return self.answer(200, item)
            onlyif = body.pop("onlyif", {})
            if body.get("state") in ("COMPLETE", "FAILED") and s.fault("503"):
                return self.answer(503, {"error": "503 Service Unavailable"})
            if all(item.get(k) == v for k, v in onlyif.items()):
                item.update(body)
            if body.get("state") == "IN_PROGRESS" and s.fault("claim"):
                return self.drop()
            if body.get("state") in ("COMPLETE", "FAILED") and s.fault("result"):
                return self.drop()
            return self.answer(200, item)

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")


class LostAnswers(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="magicc-work-lost.")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def work(self, extensions):
        log = os.path.join(self.dir, "log")
        server = TaskServer(extensions, [
            {"name": "TaskComplete", "state": "INCOMPLETE", "depends": ["second"]},
            {"name": "first", "state": "INCOMPLETE", "run": "sh -c 'echo first >> %s'" % log},
            {"name": "second", "state": "INCOMPLETE", "depends": ["first"],
             "run": "sh -c 'echo second >> %s'" % log},
        ], ["claim", "result", "503"])
        worker = subprocess.Popen([MAGICC, "work", "--server", server.base, "--jobs", "1"],
                                  stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.time() + 20
            while time.time() < deadline and server.items["second"]["state"] != "COMPLETE":
                time.sleep(0.05)
        finally:
            worker.send_signal(signal.SIGTERM)
            code = worker.wait(timeout=10)
            stderr = worker.stderr.read()
            worker.stderr.close()
            server.shutdown()
            server.server_close()
        self.assertEqual(code, 0, stderr)
        self.assertEqual(server.happened, ["claim", "result", "503"], stderr)
        states = {n: i["state"] for n, i in server.items.items() if n != "TaskComplete"}
        self.assertEqual(states, {"first": "COMPLETE", "second": "COMPLETE"}, stderr)
        with open(log) as f:
            self.assertEqual(f.read(), "first\nsecond\n", stderr)
        self.assertIn("claimed first of task u-1 (the server's answer was lost)", stderr)

    def test_claim_extension(self):
        self.work(extensions=True)

    def test_guarded_change(self):
        self.work(extensions=False)


if __name__ == "__main__":
    unittest.main()
