"""Starts real `magicc agent` processes on free loopback ports for the
integration tests, and talks to them with the standard library only."""
import http.client
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time

MAGICC = os.environ.get("MAGICC", "magicc")

TOKENS = """# NAME SCOPE TOKEN
reader read read-0123456789abcdef
runner run run-0123456789abcdef
boss admin admin-0123456789abcdef
"""
READ, RUN, ADMIN = "read-0123456789abcdef", "run-0123456789abcdef", "admin-0123456789abcdef"


class Agent:
    """One agent process: its state directory, port and log."""

    def __init__(self, workdir, config=None, tokens=TOKENS, tls=None, state=None, extra=()):
        self.workdir = workdir
        self.state = state or os.path.join(workdir, "state")
        self.tokens_path = os.path.join(workdir, "tokens")
        with open(self.tokens_path, "w") as f:
            f.write(tokens)
        os.chmod(self.tokens_path, 0o600)
        args = [MAGICC, "agent", "--listen", "127.0.0.1:0", "--token-file", self.tokens_path,
                "--state", self.state]
        if config is not None:
            self.config_path = os.path.join(workdir, "agent.yaml")
            with open(self.config_path, "w") as f:
                f.write(config)
            args += ["--config", self.config_path]
        self.tls = tls
        if tls:
            args += ["--tls-cert", tls["cert"], "--tls-key", tls["key"]]
            if tls.get("client_ca"):
                args += ["--tls-client-ca", tls["client_ca"]]
        args += list(extra)
        self.stderr = open(os.path.join(workdir, "agent.stderr"), "a")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        line = self.proc.stdout.readline()
        if "listening on" not in line:
            self.proc.wait(5)
            raise RuntimeError("agent did not start: %r, %s" % (line, self.read_stderr()))
        self.url = line.split()[-1]
        self.port = int(self.url.rsplit(":", 1)[1])

    def read_stderr(self):
        with open(os.path.join(self.workdir, "agent.stderr")) as f:
            return f.read()

    def connection(self, timeout=10, context=None):
        if self.tls:
            return http.client.HTTPSConnection("127.0.0.1", self.port, timeout=timeout,
                                               context=context)
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def request(self, method, path, token=None, body=None, headers=None, context=None):
        """(status, headers, parsed JSON or raw bytes)."""
        conn = self.connection(context=context)
        h = dict(headers or {})
        if token:
            h["Authorization"] = "Bearer " + token
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
            h.setdefault("Content-Type", "application/json")
        conn.request(method, path, body=body, headers=h)
        try:
            resp = conn.getresponse()
            data = resp.read()
        finally:
            conn.close()
        try:
            parsed = json.loads(data)
        except ValueError:
            parsed = data
        return resp.status, resp.headers, parsed

    def submit(self, job, token=RUN):
        status, headers, body = self.request("POST", "/v1/jobs", token, job)
        assert status == 202, (status, body)
        assert headers["X-Job-ID"] == body["id"]
        return body["id"]

    def wait_job(self, job_id, timeout=10, until=("Complete", "Error")):
        deadline = time.time() + timeout
        while time.time() < deadline:
            status, _, job = self.request("GET", "/v1/jobs/" + job_id, READ)
            if job["status"] in until:
                return job
            time.sleep(0.02)
        raise AssertionError("job %s still %s" % (job_id, job["status"]))

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.stderr.close()
        self.proc.stdout.close()
        return self.proc.returncode


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def make_certificates(directory):
    """A CA, a server certificate for 127.0.0.1 and a client certificate,
    made with openssl; also a second CA's client certificate."""
    def run(*args):
        subprocess.run(["openssl"] + list(args), cwd=directory, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # EC keys: quick to make (RSA keys took seconds on a busy machine).
    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
    for ca in ("ca", "other-ca"):
        run("req", "-x509", *key, "-nodes", "-days", "2", "-subj",
            "/CN=" + ca, "-keyout", ca + ".key", "-out", ca + ".crt")
    with open(os.path.join(directory, "san.ext"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    for name, ca, ext in (("agent", "ca", True), ("client", "ca", False),
                          ("stranger", "other-ca", False)):
        run("req", *key, "-nodes", "-subj", "/CN=" + name, "-keyout",
            name + ".key", "-out", name + ".csr")
        args = ["x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key",
                "-CAcreateserial", "-days", "2", "-out", name + ".crt"]
        if ext:
            args += ["-extfile", "san.ext"]
        run(*args)
    return {k: os.path.join(directory, k) for k in
            ("ca.crt", "agent.crt", "agent.key", "client.crt", "client.key", "stranger.crt",
             "stranger.key")}


class Workdir:
    def __init__(self):
        self.path = tempfile.mkdtemp(prefix="magicc-agent-it.")

    def cleanup(self):
        shutil.rmtree(self.path, ignore_errors=True)
