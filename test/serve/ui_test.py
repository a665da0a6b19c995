#!/usr/bin/env python3
"""The /ui page in headless Chromium (Debian's `chromium`), driven over the
DevTools protocol on a pipe (--remote-debugging-pipe: JSON messages ending
in NUL on fds 3 and 4): the page loads, shows a created task's items with
their states, and a state change made over the API appears without a reload.

Usage: ui_test.py MAGICC SOURCE_DIR   (exits 77, skipped, without chromium)"""
import json
import os
import shutil
import subprocess
import sys
import time

from serve_support import SKIP, Server, jcall, temp_dir

magicc, source = sys.argv[1], sys.argv[2]
chromium = shutil.which("chromium")
if not chromium:
    print("chromium missing: skipped")
    sys.exit(SKIP)
tmp = temp_dir("magicc-ui-")


class DevTools:
    def __init__(self):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()
        # The browser reads fd 3 and writes fd 4 (kept: close_fds runs after preexec_fn).
        def fds():
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)
        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--no-first-run", "--disable-dev-shm-usage",
             "--user-data-dir=" + os.path.join(tmp, "profile"), "--remote-debugging-pipe",
             "about:blank"],
            preexec_fn=fds, pass_fds=(3, 4),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self.buffer:
                chunk = os.read(self.from_browser, 65536)
                if not chunk:
                    raise AssertionError("chromium closed the pipe")
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise AssertionError(f"{method}: {reply['error']}")
                return reply["result"]

    def close(self):
        self.proc.kill()
        self.proc.wait()


def wait_for(devtools, session, expression, expected, timeout=15):
    deadline = time.time() + timeout
    value = None
    while time.time() < deadline:
        result = devtools.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                               session)
        value = result["result"].get("value")
        if value == expected:
            return
        time.sleep(0.1)
    raise AssertionError(f"{expression}: {value!r}, expected {expected!r}")


with Server(magicc, os.path.join(source, "examples", "coffee.mm"),
            "sqlite:" + os.path.join(tmp, "tasks.db")) as s:
    uuid = jcall(s.base, "POST", "/task/create", {"requirements": ["coffee"]})["metadata"]["uuid"]
    devtools = DevTools()
    try:
        target = devtools.send("Target.createTarget", {"url": s.base + "/ui"})["targetId"]
        session = devtools.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"]
        state = "(e => e ? e.dataset.state : null)(document.querySelector(" \
                "'#task-%s [data-name=\"%s\"]'))"
        wait_for(devtools, session, state % (uuid, "wake_up"), "INCOMPLETE")
        wait_for(devtools, session, state % (uuid, "make_coffee"), "INCOMPLETE")
        wait_for(devtools, session, "document.querySelectorAll('#task-%s .item').length" % uuid, 9)
        # A change made elsewhere shows up without a reload, in its colour.
        jcall(s.base, "POST", f"/task/{uuid}/wake_up", {"state": "IN_PROGRESS"})
        wait_for(devtools, session, state % (uuid, "wake_up"), "IN_PROGRESS")
        wait_for(devtools, session,
                 "getComputedStyle(document.querySelector('#task-%s [data-name=\"wake_up\"] rect'))"
                 ".fill" % uuid, "rgb(255, 213, 79)")
        jcall(s.base, "POST", f"/task/{uuid}/wake_up", {"state": "COMPLETE"})
        wait_for(devtools, session, state % (uuid, "wake_up"), "COMPLETE")
    finally:
        devtools.close()
print("ui: ok")
