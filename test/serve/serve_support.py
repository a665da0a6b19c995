"""Helpers for the `magicc serve` integration tests: a real server on a free
port, HTTP calls as mclient makes them (urllib, standard library only), and
a throwaway PostgreSQL cluster (initdb/pg_ctl) on a free port."""

import atexit
import contextlib
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

SKIP = 77  # ctest SKIP_RETURN_CODE
PG_BIN = "/usr/lib/postgresql/15/bin"


def temp_dir(prefix):
    """A directory removed when the test exits."""
    path = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, path, True)
    return path


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, body=None, token=None, timeout=30):
    """(status, text) of one request; bodies are sent as mclient sends them."""
    data = None if body is None else (body if isinstance(body, str) else json.dumps(body)).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def jcall(base, method, path, body=None, expect=200, **kw):
    status, text = call(base, method, path, body, **kw)
    if status != expect:
        raise AssertionError(f"{method} {path}: {status} {text}")
    return json.loads(text) if text else None


class Server:
    """`magicc serve PROGRAM` on a free loopback port until stopped."""

    def __init__(self, magicc, program, store, extra=()):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [magicc, "serve", program, "--listen", f"127.0.0.1:{self.port}", "--store", store,
             *extra],
            stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("magicc serve exited: " + self.proc.stderr.read())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("magicc serve did not start listening")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        err = self.proc.stderr.read()
        self.proc.stderr.close()
        return self.proc.returncode, err

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


@contextlib.contextmanager
def postgres():
    """A PostgreSQL cluster in a temp dir on a free port; yields its URI.
    Exits with SKIP when the PostgreSQL server binaries are not installed."""
    if not os.path.exists(os.path.join(PG_BIN, "initdb")):
        print("PostgreSQL server binaries missing: skipped")
        sys.exit(SKIP)
    tmp = tempfile.mkdtemp(prefix="magicc-pg-")
    data = os.path.join(tmp, "data")
    port = free_port()
    # The server refuses to run as root: as root, run it as `postgres`.
    prefix = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(tmp, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    env = dict(os.environ, LC_ALL="C.UTF-8")
    subprocess.run(prefix + [f"{PG_BIN}/initdb", "-D", data, "-U", "postgres", "--auth=trust",
                             "-E", "UTF8", "--no-sync"],
                   check=True, stdout=subprocess.DEVNULL, env=env)
    options = (f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c max_connections=200 -c shared_buffers=32MB")
    subprocess.run(prefix + [f"{PG_BIN}/pg_ctl", "-D", data, "-o", options, "-l",
                             os.path.join(tmp, "log"), "-w", "start"],
                   check=True, stdout=subprocess.DEVNULL, env=env)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(prefix + [f"{PG_BIN}/pg_ctl", "-D", data, "-m", "immediate", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        shutil.rmtree(tmp, ignore_errors=True)
