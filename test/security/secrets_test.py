"""Secrets are never printed, logged or journaled: runs every path a secret
takes (a secret param, a generated password, a user kind's secret input, a
file's content; text, -v, --json, --check, --log-file, plan -o, runs and
show, a failing command that prints it, an agent and its job log, the
commands' own argv) and then searches everything magicc printed or left
behind for the secret: in clear, base64, JSON-escaped and shell-quoted.
The secrets must reach where they were sent (a file's content), so the
search is not vacuous.
Usage: MAGICC=... python3 secrets_test.py"""
import base64
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "agent"))
from agent_fixture import MAGICC, Agent  # noqa: E402

# Quotes, a backslash and a dollar, so each encoding differs from the clear text.
TOKEN = "Tok'en\"Wh1sper\\$x-7f3a9c"


def encodings(secret):
    """The secret as it could leak in text: clear, JSON-escaped, shell-quoted."""
    return {secret, json.dumps(secret)[1:-1], shlex.quote(secret)}


def in_base64(data, secret):
    """Whether some base64 run in `data` decodes (at any alignment) to bytes holding `secret`."""
    for run in re.findall(rb"[A-Za-z0-9+/]{12,}={0,2}", data):
        for start in range(4):
            chunk = run[start:]
            chunk = chunk[:len(chunk) - len(chunk) % 4]
            try:
                if secret.encode() in base64.b64decode(chunk):
                    return True
            except ValueError:
                pass
    return False


class Secrets(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="magicc-secrets-")
        self.dest = os.path.join(self.dir, "dest")
        os.makedirs(self.dest)
        self.outputs = {}  # name -> text magicc printed
        self.env = dict(os.environ, SECRET_TOKEN=TOKEN, NO_COLOR="1")

    def magicc(self, name, *args, ok=(0, 1)):
        r = subprocess.run([MAGICC, *args], cwd=self.dir, env=self.env, capture_output=True,
                           timeout=120)
        self.outputs[name + ".stdout"] = r.stdout
        self.outputs[name + ".stderr"] = r.stderr
        self.assertIn(r.returncode, ok, "%s: %s %s" % (name, r.stdout, r.stderr))
        return r

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def test_every_path_keeps_the_secret(self):
        self.maxDiff = None
        os.makedirs(os.path.join(self.dir, "agent-work"))
        agent = Agent(os.path.join(self.dir, "agent-work"))
        try:
            self.run_everything(agent)
        finally:
            agent.stop()
        self.search_everything()

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def run_everything(self, agent):
        d = self.dest
        program = self.write("site.mm", """
param token: secret
resource password pw { length: 24 }
resource file pw_file { path: "%(d)s/pw", mode: "0600" }
pw.value -> pw_file.content
resource file token_file { path: "%(d)s/token", content: token, mode: "0600" }
# What runs while the secrets are about: every process's argv.
item look { depends: [token_file], run: "ps -eo args > %(d)s/ps.txt" }
# A command that fails printing the secrets it can read.
item leaky { depends: [pw_file, look], run: "cat %(d)s/pw; cat %(d)s/token >&2; exit 3" }
""" % {"d": d})
        token_arg = "token=@env:SECRET_TOKEN"
        state = os.path.join(self.dir, "state.db")
        self.magicc("check", "check", program)
        self.magicc("plan", "plan", program, "-D", token_arg, "-o", os.path.join(self.dir, "plan.json"))
        self.magicc("plan_text", "plan", program, "-D", token_arg)
        self.magicc("run_check", "run", program, "-D", token_arg, "--check", "-v", "--state", state)
        self.magicc("run", "run", program, "-D", token_arg, "-v", "--state", state,
                    "--log-file", os.path.join(self.dir, "run.log"))
        self.magicc("run_json", "run", program, "-D", token_arg, "--json", "-v", "--state", state)
        self.magicc("run_keep_going", "run", program, "-D", token_arg, "--keep-going", "--state",
                    state)
        self.magicc("runs", "runs", "--state", state)
        self.magicc("runs_json", "runs", "--state", state, "--json")
        self.magicc("show", "show", "--state", state)
        self.magicc("show_json", "show", "--state", state, "--json")
        # A saved plan runs with the secret given again.
        self.magicc("run_plan", "run", os.path.join(self.dir, "plan.json"), "-D", token_arg,
                    "--state", os.path.join(self.dir, "state2.db"))
        # A wrong -D for a secret, and a bad value, say so without the value.
        self.magicc("bad_define", "plan", program, "-D", "tokn=" + TOKEN, ok=(1, 2))
        # Through an agent: its job log and its own output.
        tokens = self.write("agent.token", "run-0123456789abcdef\n")
        os.chmod(tokens, 0o600)
        inventory = self.write("hosts.yaml", "all:\n  hosts:\n    web1: {ansible_connection: "
                               "magicc_agent, magicc_agent_url: \"%s\"}\n" % agent.url)
        remote = self.write("remote.mm", """
param token: secret
resource file token_file { path: "%(d)s/remote-token", content: token, mode: "0600" }
item leaky { depends: [token_file], run: "cat %(d)s/remote-token; echo; cat %(d)s/remote-token >&2; exit 4" }
""" % {"d": d})
        self.magicc("agent_run", "run", remote, "-i", inventory, "--hosts", "true", "-D",
                    token_arg, "--agent-token-file", tokens, "--state",
                    os.path.join(self.dir, "agent-state.db"), "-v")

    def search_everything(self):
        # The secrets reached where they were sent: the search means something.
        with open(os.path.join(self.dest, "token")) as f:
            self.assertEqual(f.read(), TOKEN)
        with open(os.path.join(self.dest, "remote-token")) as f:
            self.assertEqual(f.read(), TOKEN)
        with open(os.path.join(self.dest, "pw")) as f:
            password = f.read()
        self.assertEqual(len(password), 24)
        self.assertTrue(os.path.exists(os.path.join(self.dest, "ps.txt")))
        secrets = (TOKEN, password)
        # Everything printed, and every file magicc or its agent left, except
        # the destinations themselves.
        places = dict(self.outputs)
        for path in glob.glob(os.path.join(self.dir, "**"), recursive=True):
            if os.path.isfile(path) and not path.startswith(self.dest + os.sep) and \
                    not path.endswith((".mm", "agent.token", "tokens")):
                with open(path, "rb") as f:
                    places[os.path.relpath(path, self.dir)] = f.read()
        with open(os.path.join(self.dest, "ps.txt"), "rb") as f:
            places["the commands' argv (ps during apply)"] = f.read()
        self.assertIn("run.log", places)
        self.assertIn("state.db", places)
        self.assertTrue(any(p.startswith("agent-work") for p in places), sorted(places))
        leaks = []
        for name, data in places.items():
            for secret in secrets:
                for form in encodings(secret):
                    if form.encode() in data:
                        leaks.append("%s holds %r" % (name, form))
                if in_base64(data, secret):
                    leaks.append("%s holds %r in base64" % (name, secret))
        self.assertEqual(leaks, [])
        # And the failure said something: it failed, redacted.
        self.assertIn(b"FAILED", self.outputs["run.stdout"])
        self.assertIn(b"(sensitive)", self.outputs["run.stdout"] + self.outputs["run.stderr"])


if __name__ == "__main__":
    unittest.main()
