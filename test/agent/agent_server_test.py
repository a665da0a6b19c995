"""Integration tests of `magicc agent`: real agent processes on loopback
ports, driven over HTTP(S) as a client would (docs/agent.md)."""
import http.client
import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from agent_fixture import ADMIN, MAGICC, READ, RUN, Agent, Workdir, free_port, make_certificates


class AgentCase(unittest.TestCase):
    def setUp(self):
        self.work = Workdir()
        self.agents = []

    def tearDown(self):
        for agent in self.agents:
            agent.stop(signal.SIGKILL)
        self.work.cleanup()

    def start(self, **kwargs):
        agent = Agent(self.work.path, **kwargs)
        self.agents.append(agent)
        return agent


class Auth(AgentCase):
    def test_tokens_and_scopes(self):
        agent = self.start()
        self.assertEqual(agent.request("GET", "/v1/health")[0], 200)
        status, headers, body = agent.request("GET", "/v1/info")
        self.assertEqual(status, 401)
        self.assertEqual(headers["WWW-Authenticate"], "Bearer")
        self.assertEqual(body["error"], "401 Unauthorized")
        self.assertEqual(agent.request("GET", "/v1/info", "wrong")[0], 401)
        self.assertEqual(agent.request("GET", "/v1/info", READ)[0], 200)
        job = {"action": "exec", "cmd": ["true"]}
        self.assertEqual(agent.request("POST", "/v1/jobs", READ, job)[0], 403)
        self.assertEqual(agent.request("POST", "/v1/jobs", RUN, job)[0], 202)
        self.assertEqual(agent.request("PATCH", "/v1/metadata", RUN, {"a": 1})[0], 403)
        self.assertEqual(agent.request("PATCH", "/v1/metadata", ADMIN, {"a": 1})[0], 200)
        # The audit log names the tokens, never shows them.
        with open(os.path.join(agent.state, "audit.log")) as f:
            log = f.read()
        for token in (READ, RUN, ADMIN):
            self.assertNotIn(token, log)
        lines = [json.loads(l) for l in log.splitlines()]
        self.assertEqual({l["token"] for l in lines}, {None, "reader", "runner", "boss"})
        self.assertTrue(all(l["id"] and l["time"] and l["peer"].startswith("127.0.0.1:")
                            for l in lines))

    def test_a_bare_token_grants_every_scope(self):
        agent = self.start(tokens="just-one-token-0123456789\n")
        self.assertEqual(agent.request("PATCH", "/v1/metadata", "just-one-token-0123456789",
                                       {"x": 1})[0], 200)

    def test_command_line_errors_exit_2(self):
        tokens = os.path.join(self.work.path, "tokens")
        with open(tokens, "w") as f:
            f.write("a read t1\nbad line with four words\n")

        def run(*args):
            return subprocess.run([MAGICC, "agent", "--listen", "127.0.0.1:0"] + list(args),
                                  capture_output=True, text=True, timeout=20)
        r = run("--token-file", tokens)
        self.assertEqual(r.returncode, 2)
        self.assertIn("line 2", r.stderr)
        self.assertNotIn("four", r.stderr.split("line 2")[0])
        r = run("--token-file", os.path.join(self.work.path, "missing"))
        self.assertEqual(r.returncode, 2)
        with open(tokens, "w") as f:
            f.write("good-token-0123456789\n")
        r = run("--token-file", tokens, "--tls-cert", "/nonexistent.crt", "--tls-key", "/x.key")
        self.assertEqual(r.returncode, 2)
        self.assertIn("/nonexistent.crt", r.stderr)
        agent = self.start(tokens="good-token-0123456789\n")
        r = subprocess.run([MAGICC, "agent", "--listen", "127.0.0.1:%d" % agent.port,
                            "--token-file", tokens, "--state",
                            os.path.join(self.work.path, "state2")],
                           capture_output=True, text=True, timeout=20)
        self.assertEqual(r.returncode, 2)
        self.assertIn("127.0.0.1:%d" % agent.port, r.stderr)


class Tls(AgentCase):
    def test_mutual_tls(self):
        certs = make_certificates(self.work.path)
        agent = self.start(tls={"cert": certs["agent.crt"], "key": certs["agent.key"],
                                "client_ca": certs["ca.crt"]})
        self.assertTrue(agent.url.startswith("https://"))
        context = ssl.create_default_context(cafile=certs["ca.crt"])
        # No client certificate: the handshake fails, nothing is read.
        with self.assertRaises((ssl.SSLError, ConnectionError, OSError)):
            agent.request("GET", "/v1/health", context=context)  # noqa
        # A certificate from another CA: refused too.
        stranger = ssl.create_default_context(cafile=certs["ca.crt"])
        stranger.load_cert_chain(certs["stranger.crt"], certs["stranger.key"])
        with self.assertRaises((ssl.SSLError, ConnectionError, OSError)):
            agent.request("GET", "/v1/health", context=stranger)
        client = ssl.create_default_context(cafile=certs["ca.crt"])
        client.load_cert_chain(certs["client.crt"], certs["client.key"])
        status, _, info = agent.request("GET", "/v1/info", READ, context=client)
        self.assertEqual(status, 200)
        # The certificate is who calls; the token is still what it may do.
        self.assertEqual(agent.request("GET", "/v1/info", context=client)[0], 401)
        with open(os.path.join(agent.state, "audit.log")) as f:
            self.assertIn("client", json.loads(f.readline()).get("cert", ""))


class Jobs(AgentCase):
    def test_one_queue_runs_in_order_others_side_by_side(self):
        agent = self.start()
        trace = os.path.join(self.work.path, "trace")
        ids = [agent.submit({"action": "exec", "queue": "guest-1", "cmd": [
            "sh", "-c", "echo start %d >> %s; sleep 0.05; echo end %d >> %s" % (i, trace, i, trace)]})
            for i in range(4)]
        gate = os.path.join(self.work.path, "gate")
        waiter = agent.submit({"action": "exec", "queue": "a", "timeout": "5s",
                               "cmd": ["sh", "-c", "while [ ! -e %s ]; do sleep 0.02; done" % gate]})
        opener = agent.submit({"action": "exec", "queue": "b", "cmd": ["touch", gate]})
        for i in ids + [waiter, opener]:
            self.assertEqual(agent.wait_job(i)["status"], "Complete")
        with open(trace) as f:
            self.assertEqual(f.read(), "".join("start %d\nend %d\n" % (i, i) for i in range(4)))
        status, _, listing = agent.request("GET", "/v1/jobs?limit=2", READ)
        self.assertEqual([j["id"] for j in listing["jobs"]], [opener, waiter])

    def test_output_streams_and_resumes_from_an_offset(self):
        agent = self.start()
        gate = os.path.join(self.work.path, "gate")
        job = agent.submit({"action": "exec", "cmd": [
            "sh", "-c", "echo one; echo two; while [ ! -e %s ]; do sleep 0.02; done; echo three" % gate]})
        conn = agent.connection()
        conn.request("GET", "/v1/jobs/%s/output" % job, headers={"Authorization": "Bearer " + READ})
        resp = conn.getresponse()
        self.assertEqual(resp.status, 200)
        self.assertEqual(resp.headers["Transfer-Encoding"], "chunked")
        self.assertEqual(resp.headers["X-Output-Offset"], "0")
        got = b""
        while b"two\n" not in got:
            got += resp.read1(100)
        conn.close()  # the client goes away mid-stream
        self.assertEqual(agent.wait_job(job, until=("Running",))["status"], "Running")
        open(gate, "w").close()
        status, headers, rest = agent.request("GET", "/v1/jobs/%s/output?offset=%d" % (job, len(got)),
                                              READ)
        self.assertEqual(status, 200)
        self.assertEqual(got + rest, b"one\ntwo\nthree\n")
        self.assertEqual(agent.wait_job(job)["status"], "Complete")

    def test_timeout_and_exit_status(self):
        agent = self.start()
        timed = agent.submit({"action": "exec", "timeout": "300ms",
                              "cmd": ["sh", "-c", "sleep 20 & sleep 20; wait"]})
        failed = agent.submit({"action": "exec", "queue": "other", "cmd": "test 1 = 2 || exit 4"})
        job = agent.wait_job(timed)
        self.assertEqual((job["status"], job["timed_out"], job["message"]),
                         ("Error", True, "timed out after 300ms"))
        job = agent.wait_job(failed)
        self.assertEqual((job["status"], job["exit_code"], job["message"]), ("Error", 4, "exit 4"))

    def test_a_restart_turns_a_running_job_into_an_error(self):
        agent = self.start()
        pidfile = os.path.join(self.work.path, "pid")
        job = agent.submit({"action": "exec", "cmd": [
            "sh", "-c", "echo $$ > %s; echo started; exec sleep 30" % pidfile]})
        agent.wait_job(job, until=("Running",))
        done = agent.submit({"action": "exec", "queue": "q2", "cmd": ["echo", "kept"]})
        agent.wait_job(done)
        agent.stop(signal.SIGKILL)
        try:
            again = self.start(state=agent.state)
            record = again.wait_job(job)
            self.assertEqual((record["status"], record["message"]), ("Error", "agent restarted"))
            self.assertEqual(again.wait_job(done)["status"], "Complete")
            self.assertEqual(again.request("GET", "/v1/jobs/%s/output" % done, READ)[2], b"kept\n")
            newer = again.submit({"action": "exec", "cmd": ["true"]})
            self.assertGreater(int(newer), int(done))
        finally:
            with open(pidfile) as f:
                try:
                    os.kill(int(f.read()), signal.SIGKILL)
                except ProcessLookupError:
                    pass

    def test_sigterm_stops_cleanly(self):
        agent = self.start()
        job = agent.submit({"action": "exec", "cmd": ["sh", "-c", "echo up; exec sleep 30"]})
        agent.wait_job(job, until=("Running",))
        # A client following the job's output when the agent stops.
        conn = agent.connection()
        conn.request("GET", "/v1/jobs/%s/output" % job, headers={"Authorization": "Bearer " + READ})
        stream = conn.getresponse()
        self.assertEqual(stream.read1(100), b"up\n")
        started = time.time()
        self.assertEqual(agent.stop(signal.SIGTERM), 0)
        self.assertLess(time.time() - started, 5)
        try:
            stream.read()  # ends: the agent is gone
        except (http.client.HTTPException, OSError):
            pass
        conn.close()
        again = self.start(state=agent.state)
        record = again.wait_job(job)
        self.assertEqual((record["status"], record["message"]), ("Error", "agent stopped"))


class BadInput(AgentCase):
    def test_malformed_unknown_and_huge(self):
        agent = self.start(config="max_body: 4KiB\nheader_timeout: 1s\n")
        status, _, body = agent.request("POST", "/v1/jobs", RUN, "{nope")
        self.assertEqual(status, 400)
        self.assertEqual(set(body), {"error", "message"})
        self.assertEqual(agent.request("POST", "/v1/jobs", RUN,
                                       {"action": "format-disk", "cmd": ["x"]})[0], 400)
        self.assertEqual(agent.request("GET", "/v1/nothing", RUN)[0], 404)
        self.assertEqual(agent.request("GET", "/v1/files?path=../etc", RUN)[0], 400)
        status, _, _ = agent.request("PUT", "/v1/files?path=/tmp/x", RUN, "x" * 10000)
        self.assertEqual(status, 413)
        # Keep-alive: several requests on one connection.
        conn = agent.connection()
        for _ in range(3):
            conn.request("GET", "/v1/info", headers={"Authorization": "Bearer " + READ})
            self.assertEqual(conn.getresponse().read() != b"", True)
        conn.close()
        # A header that never ends is cut off.
        s = socket.create_connection(("127.0.0.1", agent.port), timeout=10)
        s.sendall(b"GET /v1/info HTTP/1.1\r\nHost: x\r\n")
        started = time.time()
        data = s.recv(1000)
        while data:
            data = s.recv(1000)
        self.assertLess(time.time() - started, 5)
        s.close()
        self.assertEqual(agent.request("GET", "/v1/health")[0], 200)  # still serving

    def test_garbage_does_not_crash_it(self):
        agent = self.start()
        for junk in (b"\x00\xff\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n",
                     b"POST /v1/jobs HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
                     b"GET /v1/%zz HTTP/1.1\r\nHost: x\r\n\r\n"):
            s = socket.create_connection(("127.0.0.1", agent.port), timeout=5)
            s.sendall(junk)
            try:
                s.recv(1000)
            except OSError:
                pass
            s.close()
        self.assertEqual(agent.request("GET", "/v1/health")[0], 200)


class RpcService(BaseHTTPRequestHandler):
    """A JSON-RPC 2.0 sub-agent for the tests: Guests.Restart echoes."""

    def do_POST(self):
        request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if request["method"] == "Guests.Restart":
            answer = {"jsonrpc": "2.0", "result": {"restarted": request["params"]["guest"],
                                                   "path": self.path}, "id": request["id"]}
        elif request["method"] == "Guests.Slow":
            time.sleep(2)
            answer = {"jsonrpc": "2.0", "result": None, "id": request["id"]}
        else:
            answer = {"jsonrpc": "2.0", "error": {"code": -32601, "message": "no such method"},
                      "id": request["id"]}
        body = json.dumps(answer).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the agent gave up waiting (the timeout test)

    def log_message(self, *args):
        pass


class Rpc(AgentCase):
    def test_json_rpc_is_forwarded_to_the_service(self):
        service = ThreadingHTTPServer(("127.0.0.1", 0), RpcService)
        threading.Thread(target=service.serve_forever, daemon=True).start()
        try:
            port = service.server_address[1]
            agent = self.start(config=(
                "services:\n  guests: http://127.0.0.1:%d/rpc\n"
                "  slow:\n    url: http://127.0.0.1:%d/\n    timeout: 500ms\n"
                "  down: http://127.0.0.1:%d/\ntags: [hypervisor]\nfacts: {rack: r9}\n"
                % (port, port, free_port())))
            call = {"jsonrpc": "2.0", "method": "Guests.Restart", "params": {"guest": "g1"},
                    "id": 7}
            status, _, answer = agent.request("POST", "/v1/rpc/guests", RUN, call)
            self.assertEqual(status, 200)
            self.assertEqual(answer, {"jsonrpc": "2.0", "id": 7,
                                      "result": {"restarted": "g1", "path": "/rpc"}})
            status, _, answer = agent.request("POST", "/v1/rpc/guests", RUN,
                                              dict(call, method="Nope"))
            self.assertEqual((status, answer["error"]["code"]), (200, -32601))
            self.assertEqual(agent.request("POST", "/v1/rpc/nosuch", RUN, call)[0], 404)
            self.assertEqual(agent.request("POST", "/v1/rpc/down", RUN, call)[0], 502)
            self.assertEqual(agent.request("POST", "/v1/rpc/slow", RUN,
                                           dict(call, method="Guests.Slow"))[0], 504)
            self.assertEqual(agent.request("POST", "/v1/rpc/guests", RUN, {"method": "x"})[0], 400)
            self.assertEqual(agent.request("POST", "/v1/rpc/guests", READ, call)[0], 403)
            status, _, info = agent.request("GET", "/v1/info", READ)
            self.assertEqual(info["services"], ["down", "guests", "slow"])
            self.assertEqual(info["tags"], ["hypervisor"])
            self.assertEqual(info["facts"]["rack"], "r9")
            self.assertIn("os." + info["facts"]["os.id"], info["facts"])
        finally:
            service.shutdown()


if __name__ == "__main__":
    unittest.main()
