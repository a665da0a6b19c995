"""`magicc run` through real `magicc agent` processes (one per host) on
loopback: the spec's app_cluster_upgrade.mm and guest_actions.mm, preflight
of tokens and scopes, files, discovery by facts, and a fleet that mixes
agent hosts with this machine."""
import http.server
import json
import os
import shutil
import subprocess
import threading
import unittest

from agent_fixture import MAGICC, READ, RUN, Agent, Workdir, make_certificates

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
EXAMPLES = os.path.join(SOURCE, "examples")
STUBS = os.path.join(SOURCE, "test", "lit", "run", "Inputs", "bin")


class RpcService:
    """A JSON-RPC 2.0 sub-agent service (mistify's storage and libvirt): it
    records each call; a method ending in Fail answers an error."""

    def __init__(self):
        self.calls = []
        service = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                service.calls.append((request["method"], request["params"]))
                if request["method"].endswith("Fail"):
                    answer = {"jsonrpc": "2.0", "id": request["id"],
                              "error": {"code": -32000, "message": "no room for the guest"}}
                else:
                    answer = {"jsonrpc": "2.0", "id": request["id"],
                              "result": {"done": request["method"]}}
                body = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/rpc" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class Fleet(unittest.TestCase):
    def setUp(self):
        self.work = Workdir()
        self.dir = self.work.path
        self.agents = {}
        self.tokens = {}
        for name, token in (("run", RUN), ("read", READ), ("wrong", "not-a-token")):
            self.tokens[name] = os.path.join(self.dir, name + ".token")
            with open(self.tokens[name], "w") as f:
                f.write(token + "\n")

    def tearDown(self):
        for agent in self.agents.values():
            agent.stop()
        self.work.cleanup()

    def start(self, host, config=None, tls=None):
        """An agent for inventory host `host`, with the stub commands on its PATH."""
        workdir = os.path.join(self.dir, host)
        os.makedirs(workdir)
        saved = dict(os.environ)
        os.environ["PATH"] = STUBS + ":" + os.environ["PATH"]
        os.environ["STUB_LOG"] = self.dir
        os.environ["STUB_SLEEP"] = "0.02"
        try:
            self.agents[host] = Agent(workdir, config=config, tls=tls)
        finally:
            os.environ.clear()
            os.environ.update(saved)
        return self.agents[host]

    def inventory(self, groups):
        """groups: {group: {host: {vars}}}; hosts with an agent are reached through it."""
        lines = ["all:", "  children:"]
        for group, hosts in groups.items():
            lines += ["    %s:" % group, "      hosts:"]
            for host, extra in hosts.items():
                entry = dict(extra)
                if host in self.agents:
                    entry.update(ansible_connection="magicc_agent",
                                 magicc_agent_url=self.agents[host].url)
                lines.append("        %s: %s" % (host, json.dumps(entry)))
        path = os.path.join(self.dir, "hosts.yaml")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        return path

    def run_magicc(self, *args, token="run", extra=()):
        command = [MAGICC, "run", *args, "--agent-token-file", self.tokens[token], "--state",
                   os.path.join(self.dir, "state.db"), *extra]
        with subprocess.Popen(command, cwd=self.dir, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) as process:
            try:
                out, err = process.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                # A hang is a bug: say where every thread was before killing it.
                stacks = ""
                if shutil.which("gdb"):
                    stacks = subprocess.run(
                        ["gdb", "-batch", "-p", str(process.pid), "-ex", "thread apply all bt"],
                        capture_output=True, text=True, timeout=60).stdout
                process.kill()
                out, err = process.communicate()
                self.fail("magicc run hung:\n%s\n%s\n%s\n%s" % (out, err, stacks,
                                                              self.agent_states()))
        return subprocess.CompletedProcess(command, process.returncode, out, err)

    def agent_states(self):
        """What each agent says of its jobs, for a hang's report."""
        lines = []
        for host, agent in self.agents.items():
            try:
                status, _, jobs = agent.request("GET", "/v1/jobs?limit=10", READ)
                lines.append("agent %s: %s %s" % (host, status, json.dumps(jobs)))
            except Exception as e:  # noqa: BLE001 - a report, never a second failure
                lines.append("agent %s: %r" % (host, e))
            lines.append(agent.read_stderr())
            audit = os.path.join(agent.state, "audit.log")
            if os.path.exists(audit):
                with open(audit) as f:
                    lines += f.read().splitlines()[-12:]
        return "\n".join(lines)

    def log(self):
        path = os.path.join(self.dir, "log")
        if not os.path.exists(path):
            return []
        with open(path) as f:
            return [line.split(None, 2)[1:] for line in f.read().splitlines() if " start " in line]

    def test_app_cluster_upgrade(self):
        for host in ("lb1", "app1", "app2", "app3"):
            self.start(host)
        inv = self.inventory({
            "haproxy": {"lb1": {}},
            "appmgr": {"app1": {"cluster": "bravo"}, "app2": {"cluster": "bravo"},
                       "app3": {"cluster": "alfa"}},
        })
        r = self.run_magicc(os.path.join(EXAMPLES, "app_cluster_upgrade.mm"),
                            "app_cluster_upgrade", "-i", inv, "-D", "backend=app",
                            "-D", "cluster=bravo", "-D", "revision=20")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("done upgrade [hosts=2 ok=2 failed=0", r.stdout)
        self.assertIn("Revision 20: 2 hosts", r.stdout)
        ran = [" ".join(entry) for entry in self.log()]
        # Each command ran on the agent of the host the plan chose, in stage order.
        self.assertIn("start lb1 haproxy-ctl disable app lb1", ran)
        self.assertIn("start app1 appmgr upgrade --revision 20", ran)
        self.assertIn("start app2 appmgr upgrade --revision 20", ran)
        self.assertFalse([line for line in ran if " app3 " in line], ran)
        def at(text):
            return [i for i, line in enumerate(ran) if text in line]
        self.assertLess(max(at("haproxy-ctl disable")), min(at("appmgr upgrade")))
        self.assertLess(max(at("appmgr upgrade")), min(at("haproxy-ctl enable")))
        # The agents' job logs know the run.
        jobs = self.agents["app1"].request("GET", "/v1/jobs?limit=10", token=READ)[2]["jobs"]
        self.assertTrue(all(job["run_id"] for job in jobs), jobs)
        self.assertIn("upgrade", [job["node"] for job in jobs])

    def test_guest_actions_call_services(self):
        rpc = RpcService()
        try:
            self.start("hv1", config="services:\n  storage: %s\n  libvirt: %s\n" % (rpc.url, rpc.url))
            inv = self.inventory({"hypervisor": {"hv1": {}}})
            program = os.path.join(EXAMPLES, "guest_actions.mm")
            r = self.run_magicc(program, "guest_create", "-i", inv, "-D", "guest=web-7",
                                "-D", "memory_mb=2048")
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertEqual([m for m, _ in rpc.calls],
                             ["storage.CreateVolume", "libvirt.Define", "libvirt.Start"])
            self.assertEqual(rpc.calls[0][1], {"name": "web-7-disk", "size_mb": 10240})
            self.assertEqual(rpc.calls[1][1], {"name": "web-7", "memory_mb": 2048})
            # A service's JSON-RPC error fails the stage with its message.
            failing = os.path.join(self.dir, "failing.mm")
            with open(failing, "w") as f:
                f.write('pipeline p() {\n  stage a { on: hypervisor, call: "libvirt.StartFail" }\n'
                        '  stage b { on: hypervisor, call: "libvirt.Start" }\n}\n')
            r = self.run_magicc(failing, "p", "-i", inv)
            self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
            self.assertIn("FAILED  hv1/a: libvirt.StartFail: no room for the guest (code -32000)",
                          r.stdout)
            self.assertEqual(rpc.calls[-1][0], "libvirt.StartFail")  # b never ran
        finally:
            rpc.stop()

    def test_preflight_refuses_bad_tokens_before_anything_runs(self):
        self.start("lb1")
        inv = self.inventory({"haproxy": {"lb1": {}}})
        program = os.path.join(self.dir, "p.mm")
        with open(program, "w") as f:
            f.write('pipeline p() { stage s { on: haproxy, run: "haproxy-ctl disable x" } }\n')
        r = self.run_magicc(program, "p", "-i", inv, token="read")
        self.assertEqual(r.returncode, 1)
        self.assertIn("lb1: agent at 127.0.0.1:%d: token 'reader' may only read; a run needs scope run"
                      % self.agents["lb1"].port, r.stderr)
        self.assertIn("1 of 1 hosts cannot be reached; nothing was run", r.stderr)
        r = self.run_magicc(program, "p", "-i", inv, token="wrong")
        self.assertEqual(r.returncode, 1)
        self.assertIn("401 Unauthorized", r.stderr)
        self.assertIn("--agent-token-file", r.stderr)
        self.assertEqual(self.log(), [])
        # An agent that is not there is named too.
        self.agents.pop("lb1").stop()
        r = self.run_magicc(program, "p", "-i", inv)
        self.assertEqual(r.returncode, 1)
        self.assertIn("lb1: agent at 127.0.0.1:", r.stderr)
        self.assertIn("Connection refused", r.stderr)

    def test_files_and_a_mixed_fleet(self):
        self.start("web1")
        inv = self.inventory({"web": {"web1": {}}, "desk": {"here": {"ansible_connection": "local"}}})
        target = os.path.join(self.dir, "motd")
        program = os.path.join(self.dir, "files.mm")
        with open(program, "w") as f:
            f.write('resource file motd {\n  path: "%s-${host.name}"\n'
                    '  content: "served by ${host.name}\\n"\n  mode: "0640"\n}\n' % target)
        r = self.run_magicc(program, "-i", inv, "--hosts", "web | desk")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("2 changed", r.stdout)
        for host in ("web1", "here"):
            with open(target + "-" + host) as f:
                self.assertEqual(f.read(), "served by %s\n" % host)
            self.assertEqual(os.stat(target + "-" + host).st_mode & 0o777, 0o640)
        r = self.run_magicc(program, "-i", inv, "--hosts", "web | desk")
        self.assertIn("0 changed", r.stdout)
        # --diff reads what the host holds through the file routes too.
        with open(target + "-web1", "w") as f:
            f.write("drifted\n")
        r = self.run_magicc(program, "-i", inv, "--hosts", "web | desk",
                            extra=["--check", "--diff"])
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("--- before: %s-web1 (web1)\n+++ after: %s-web1 (web1)\n"
                      "@@ -1 +1 @@\n-drifted\n+served by web1\n" % (target, target), r.stdout)
        # The agent's job log holds no file content: it went through the file routes.
        jobs = self.agents["web1"].request("GET", "/v1/jobs", token=READ)[2]["jobs"]
        self.assertEqual(jobs, [])
        # call: on a host reached without an agent is refused before anything runs.
        with open(program, "w") as f:
            f.write('pipeline p() { stage s { on: true, call: "svc.Do" } }\n')
        r = self.run_magicc(program, "p", "-i", inv)
        self.assertEqual(r.returncode, 1)
        self.assertIn("uses call: on host 'here', which is reached locally", r.stderr)

    def test_binary_source_file(self):
        # A file's source: holds any bytes; the agent writes them exactly.
        self.start("web1")
        inv = self.inventory({"web": {"web1": {}}})
        blob = bytes(range(256)) * 2 + b"\r\n\x00"
        with open(os.path.join(self.dir, "blob.bin"), "wb") as f:
            f.write(blob)
        target = os.path.join(self.dir, "copy.bin")
        program = os.path.join(self.dir, "blob.mm")
        with open(program, "w") as f:
            f.write('resource file blob { path: "%s", source: "blob.bin" }\n' % target)
        r = self.run_magicc(program, "-i", inv, "--hosts", "web")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("1 changed", r.stdout)
        with open(target, "rb") as f:
            self.assertEqual(f.read(), blob)

    def test_mutual_tls(self):
        certs_dir = os.path.join(self.dir, "certs")
        os.makedirs(certs_dir)
        certs = make_certificates(certs_dir)
        self.start("lb1", tls={"cert": certs["agent.crt"], "key": certs["agent.key"],
                               "client_ca": certs["ca.crt"]})
        self.assertTrue(self.agents["lb1"].url.startswith("https://127.0.0.1:"))
        inv = self.inventory({"haproxy": {"lb1": {}}})
        program = os.path.join(self.dir, "p.mm")
        with open(program, "w") as f:
            f.write('pipeline p() { stage s { on: haproxy, run: "haproxy-ctl disable x" } }\n')
        ca = ["--agent-ca", certs["ca.crt"]]
        # Without a client certificate the handshake fails: nothing runs.
        r = self.run_magicc(program, "p", "-i", inv, extra=ca)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("lb1: agent at 127.0.0.1:", r.stderr)
        # A certificate from another CA is refused too.
        r = self.run_magicc(program, "p", "-i", inv, extra=ca + [
            "--agent-cert", certs["stranger.crt"], "--agent-key", certs["stranger.key"]])
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertEqual(self.log(), [])
        # Our CA's client certificate, and the agent's certificate checked against --agent-ca.
        r = self.run_magicc(program, "p", "-i", inv, extra=ca + [
            "--agent-cert", certs["client.crt"], "--agent-key", certs["client.key"]])
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual([" ".join(e) for e in self.log()], ["start lb1 haproxy-ctl disable x"])
        # An agent whose certificate the client cannot verify is refused.
        r = self.run_magicc(program, "p", "-i", inv, extra=[
            "--agent-cert", certs["client.crt"], "--agent-key", certs["client.key"]])
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("certificate verify failed", r.stderr)

    def test_discover_selects_hosts_by_what_agents_report(self):
        self.start("n1", config="tags: [edge]\nfacts:\n  rack: r12\n")
        self.start("n2")
        inv = self.inventory({"nodes": {"n1": {}, "n2": {}}})
        program = os.path.join(self.dir, "d.mm")
        with open(program, "w") as f:
            f.write('pipeline d() {\n'
                    '  stage edge { on: edge, run: "send-graphite ${host.vars.rack}" }\n'
                    '  stage all { on: nodes & os.debian, run: "check_load" }\n}\n')
        r = self.run_magicc(program, "d", "-i", inv)
        self.assertEqual(r.returncode, 1)
        self.assertIn("stage 'edge' matches no host", r.stderr)
        r = self.run_magicc(program, "d", "-i", inv, "--discover")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        ran = [" ".join(entry) for entry in self.log()]
        self.assertIn("start n1 send-graphite r12", ran)
        self.assertEqual(sorted(line.split()[1] for line in ran if "check_load" in line),
                         ["n1", "n2"])


if __name__ == "__main__":
    unittest.main()
