"""The two servers under load, started as their integration tests start
them, each with the requests a real client of it makes."""
import json
import os

from load_support import HERE, check

import agent_fixture
import serve_support

EXAMPLES = os.path.join(HERE, "..", "..", "examples")


class AgentUnderLoad:
    """`magicc agent` with a few finished jobs and files, as `magicc run`
    leaves it; requests with the `run` token."""

    name = "agent"

    def __init__(self, workdir, header_timeout="10s", body_timeout="60s"):
        config = "header_timeout: %s\nbody_timeout: %s\n" % (header_timeout, body_timeout)
        self.server = agent_fixture.Agent(workdir, config=config)
        self.pid = self.server.proc.pid
        self.url = self.server.url
        self.port = self.server.port
        self.token = agent_fixture.RUN
        self.headers = {"Authorization": "Bearer " + self.token}
        jobs = [self.server.submit({"action": "exec", "cmd": ["echo", "job %d" % i]})
                for i in range(3)]
        for job in jobs:
            self.server.wait_job(job)
        self.file = os.path.join(workdir, "motd")
        with open(self.file, "w") as f:
            f.write("welcome\n")
        self.written = os.path.join(workdir, "written", "config")
        job = jobs[-1]
        self.requests = [
            ("GET", "/v1/health", None),
            ("GET", "/v1/info", None),
            ("GET", "/v1/jobs?limit=20", None),
            ("GET", "/v1/jobs/" + job, None),
            ("GET", "/v1/jobs/%s/output?follow=0" % job, None),
            ("GET", "/v1/files?path=%s&digest=sha256" % self.file, None),
            ("PUT", "/v1/files?path=%s&mode=0644" % self.written, "key = value\n"),
            ("GET", "/v1/metadata", None),
            ("GET", "/v1/metrics", None),
        ]
        # What an idle client asked before it went quiet.
        self.cheap = ("GET", "/v1/health", None)
        # A request with a body, for slow bodies.
        self.upload = ("PUT", "/v1/files?path=%s&mode=0644" % self.written)

    def open_connections(self):
        """The server's own count, from its metrics."""
        status, _, body = self.server.request("GET", "/v1/metrics", self.token)
        for line in body.decode().splitlines():
            if line.startswith("magicc_agent_open_connections "):
                return int(float(line.split()[1]))
        return None

    def stop(self):
        self.server.stop()


class ServeUnderLoad:
    """`magicc serve` on make-magic's sample (examples/coffee.mm) with one
    task; the requests mclient and workers make, reads and writes."""

    name = "serve"

    def __init__(self, magicc, workdir, header_timeout="10s", body_timeout="60s"):
        program = os.path.join(EXAMPLES, "coffee.mm")
        store = "sqlite:" + os.path.join(workdir, "tasks.db")
        self.server = serve_support.Server(
            magicc, program, store,
            extra=["--header-timeout", header_timeout, "--body-timeout", body_timeout])
        self.pid = self.server.proc.pid
        self.url = self.server.base
        self.port = self.server.port
        self.headers = {}
        task = serve_support.jcall(self.url, "POST", "/task/create",
                                   {"requirements": ["coffee"]})
        uuid = task["metadata"]["uuid"]
        check(any(i["name"] == "make_coffee" for i in task["items"]), "no make_coffee item")
        t = "/task/" + uuid
        self.requests = [
            ("GET", "/task/", None),
            ("GET", t, None),
            ("GET", t + "/available", None),
            ("GET", t + "/metadata", None),
            ("GET", t + "/make_coffee", None),
            ("GET", t + "/make_coffee/state", None),
            ("POST", t + "/metadata", json.dumps({"load": "steady"})),
            # A claim that loses (the item is not COMPLETE): a guarded write.
            ("POST", t + "/wake_up",
             json.dumps({"state": "IN_PROGRESS", "onlyif": {"state": "COMPLETE"}})),
            ("GET", "/metrics", None),
        ]
        self.cheap = ("GET", "/task/", None)
        self.upload = ("POST", "/task/create")

    def open_connections(self):
        return None  # serve's metrics do not count connections

    def stop(self):
        self.server.stop()


def start(which, magicc, workdir, **timeouts):
    if which == "agent":
        return AgentUnderLoad(workdir, **timeouts)
    return ServeUnderLoad(magicc, workdir, **timeouts)
