"""A real `magicc agent` beside the sshd fixture, for runs that mix SSH and
agent hosts.

  agent_daemon.py start DIR NAME GROUP [VAR=VALUE...]
      starts `magicc agent` (under `timeout`) with the fixture's stub
      commands first on its PATH and STUB_LOG=DIR, and writes DIR/agents.yaml:
      host NAME in GROUP, reached through the agent (pass it as a second -i)
      and DIR/agent.token
  agent_daemon.py stop DIR"""
import os
import shutil
import signal
import subprocess
import sys
import time


def start(d, name, group, *pairs):
    token = os.path.join(d, "agent.token")
    with open(token, "w") as f:
        f.write("mixed-fleet-token\n")
    os.chmod(token, 0o600)
    env = dict(os.environ, PATH=os.path.join(d, "bin") + ":" + os.environ["PATH"], STUB_LOG=d)
    out = os.path.join(d, "agent.out")
    with open(out, "w") as log:
        proc = subprocess.Popen(
            ["timeout", "600", shutil.which("magicc"), "agent", "--listen", "127.0.0.1:0",
             "--token-file", token, "--state", os.path.join(d, "agent-state")],
            stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    with open(os.path.join(d, "agent.wrapper"), "w") as f:
        f.write(str(proc.pid))
    for _ in range(200):
        text = open(out).read()
        if "listening on" in text:
            url = text.split("listening on", 1)[1].split()[0]
            break
        if proc.poll() is not None:
            sys.exit("the agent did not start: " + text)
        time.sleep(0.05)
    else:
        sys.exit("the agent did not start in time")
    fields = ["ansible_connection: magicc_agent", "magicc_agent_url: " + url] + [
        p.replace("=", ": ", 1) for p in pairs]
    with open(os.path.join(d, "agents.yaml"), "w") as f:
        f.write("all:\n  children:\n    %s:\n      hosts:\n        %s: {%s}\n"
                % (group, name, ", ".join(fields)))


def stop(d):
    try:
        pid = int(open(os.path.join(d, "agent.wrapper")).read())
        os.killpg(pid, signal.SIGTERM)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    {"start": start, "stop": stop}[sys.argv[1]](*sys.argv[2:])
