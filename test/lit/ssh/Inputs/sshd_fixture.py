"""Real OpenSSH servers for the SSH backend's tests, on 127.0.0.1.

  sshd_fixture.py start DIR   two sshd (-D -f CONFIG, generated host keys, a
                              test client key), an inventory (DIR/hosts.yaml),
                              an ssh_config (DIR/ssh_config) and known_hosts
  sshd_fixture.py stop DIR    stops them

Server A listens on 127.0.0.1-127.0.0.12 (loopback aliases: one inventory host
each); server B on 127.0.0.1 at another port, where `id -u` says 1000 and sudo
refuses (a host where the login is not root). On server A, host slowlogin
(127.0.0.7) has a login shell that prints and takes 0.3 s before it runs
anything, and host nosh (127.0.0.8) one that will not run the persistent
session's driver (bash's BASH_ENV, set per address with Match LocalAddress); host tight
(127.0.0.9) allows 2 sessions per connection (MaxSessions 2). Both put DIR/bin (the test's
stub commands) first on the remote PATH and set STUB_LOG=DIR. Each sshd runs
under `timeout`, so a test that dies before `stop` leaves nothing behind."""
import os
import signal
import socket
import subprocess
import sys
import time

SSHD = "/usr/sbin/sshd"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def keygen(path):
    if not os.path.exists(path):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", path], check=True)
    return open(path + ".pub").read().split()[:2]


def write(path, text, mode=0o644):
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)


def start(d):
    os.makedirs(d, exist_ok=True)
    os.makedirs("/run/sshd", exist_ok=True)  # sshd's privilege separation directory
    stubs = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "run", "Inputs", "bin")
    bin_a, bin_b = os.path.join(d, "bin"), os.path.join(d, "bin-b")
    for b in (bin_a, bin_b):
        os.makedirs(b, exist_ok=True)
        for name in os.listdir(stubs):
            target = os.path.join(b, name)
            if not os.path.lexists(target):
                os.symlink(os.path.realpath(os.path.join(stubs, name)), target)
    # Server B: the login is not root, and sudo refuses.
    write(os.path.join(bin_b, "id"), "#!/bin/sh\necho 1000\n", 0o755)
    write(os.path.join(bin_b, "sudo"), "#!/bin/sh\necho 'sudo: a password is required' >&2\nexit 1\n", 0o755)
    host_type, host_key = keygen(os.path.join(d, "host_ed25519"))
    other_type, other_key = keygen(os.path.join(d, "other_ed25519"))  # a key no server has
    client = keygen(os.path.join(d, "client_ed25519"))
    write(os.path.join(d, "authorized_keys"), " ".join(client) + "\n", 0o600)
    write(os.path.join(d, "slow_login"), "echo hello from the login shell\necho hello on stderr >&2\nsleep 0.3\n")
    write(os.path.join(d, "nosh_login"), 'case "$BASH_EXECUTION_STRING" in *magicc-driver*)\n'
          '  echo "this login shell runs no driver" >&2; exit 126;;\nesac\n')
    ports = {"a": free_port(), "b": free_port()}
    down = free_port()  # nothing listens here
    for name, listen, path in (("a", [f"127.0.0.{i}" for i in range(1, 13)], bin_a), ("b", ["127.0.0.1"], bin_b)):
        # SHLVL=1: bash then skips ~/.bashrc for ssh commands. A developer's
        # .bashrc (pyenv init: 2.5 s) made every connection slow enough
        # to hit the connect timeouts on a loaded machine.
        env = f"SetEnv PATH={path}:/usr/local/bin:/usr/bin:/bin STUB_LOG={d} SHLVL=1"
        # The first SetEnv that applies wins: the per-address ones come first.
        matches = [] if name != "a" else [
            "Match LocalAddress 127.0.0.7", f"  {env} BASH_ENV={d}/slow_login",
            "Match LocalAddress 127.0.0.8", f"  {env} BASH_ENV={d}/nosh_login",
            "Match LocalAddress 127.0.0.9", f"  {env}", "  MaxSessions 2"]
        config = "\n".join([f"Port {ports[name]}"] + [f"ListenAddress {a}" for a in listen] + [
            f"HostKey {d}/host_ed25519",
            f"PidFile {d}/sshd-{name}.pid",
            f"AuthorizedKeysFile {d}/authorized_keys",
            "StrictModes no", "UsePAM no", "PasswordAuthentication no",
            "KbdInteractiveAuthentication no", "PubkeyAuthentication yes",
            "PermitRootLogin prohibit-password", "MaxStartups 200:30:400", "MaxSessions 100",
            "LogLevel ERROR"] + matches + ["Match all", f"  {env}", ""])
        write(os.path.join(d, f"sshd-{name}.conf"), config)
        log = open(os.path.join(d, f"sshd-{name}.log"), "w")
        proc = subprocess.Popen(["timeout", "600", SSHD, "-D", "-e", "-f", os.path.join(d, f"sshd-{name}.conf")],
                                stdout=log, stderr=log, start_new_session=True)
        write(os.path.join(d, f"sshd-{name}.wrapper"), str(proc.pid))
    for name in ports:  # wait until both accept connections
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", ports[name]), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            sys.exit(f"sshd {name} did not start: " + open(os.path.join(d, f"sshd-{name}.log")).read())
    hosts = {  # inventory name -> (address, port, groups, vars)
        "lb1": ("127.0.0.2", ports["a"], ["haproxy"], {}),
        "lb2": ("127.0.0.3", ports["a"], ["haproxy"], {}),
        "app1": ("127.0.0.4", ports["a"], ["appmgr", "frontend"], {"cluster": "bravo"}),
        "app2": ("127.0.0.5", ports["a"], ["appmgr", "frontend"], {"cluster": "bravo"}),
        "app3": ("127.0.0.6", ports["a"], ["appmgr", "backend"], {"cluster": "bravo"}),
        "app4": ("127.0.0.1", ports["b"], ["appmgr", "backend"], {"cluster": "bravo"}),
        "down": ("127.0.0.1", down, ["unreachable"], {}),
        "badkey": ("127.0.0.1", ports["a"], ["badkey"], {}),
        "slowlogin": ("127.0.0.7", ports["a"], ["slowlogin"], {}),
        "nosh": ("127.0.0.8", ports["a"], ["nosh"], {}),
        "tight": ("127.0.0.9", ports["a"], ["tight"], {}),
    }
    groups = {}
    for h, (addr, port, gs, vars_) in hosts.items():
        for g in gs:
            groups.setdefault(g, []).append(h)
    inv = ["all:", "  children:"]
    for g, members in sorted(groups.items()):
        inv += [f"    {g}:", "      hosts:"]
        for h in members:
            addr, port, _, vars_ = hosts[h]
            fields = [f"ansible_host: {addr}", f"ansible_port: {port}"] + [f"{k}: {v}" for k, v in vars_.items()]
            inv.append(f"        {h}: {{{', '.join(fields)}}}")
    write(os.path.join(d, "hosts.yaml"), "\n".join(inv) + "\n")
    known = []
    for h, (addr, port, _, _) in hosts.items():
        if h == "down":
            continue
        key = (other_type, other_key) if h == "badkey" else (host_type, host_key)
        known.append(f"[{addr}]:{port} {key[0]} {key[1]}")
    write(os.path.join(d, "known_hosts"), "\n".join(known) + "\n")
    write(os.path.join(d, "ssh_config"), "\n".join([
        "Host *", "  User root", f"  IdentityFile {d}/client_ed25519", "  IdentitiesOnly yes",
        f"  UserKnownHostsFile {d}/known_hosts", "  GlobalKnownHostsFile /dev/null", ""]))
    write(os.path.join(d, "ports"), f"a={ports['a']} b={ports['b']} down={down}\n")


def stop(d):
    if not os.path.isdir(d):
        return
    for name in ("a", "b"):
        for suffix in ("pid", "wrapper"):
            try:
                pid = int(open(os.path.join(d, f"sshd-{name}.{suffix}")).read().strip())
                os.kill(pid, signal.SIGTERM)
            except (OSError, ValueError):
                pass


if __name__ == "__main__":
    {"start": start, "stop": stop}[sys.argv[1]](sys.argv[2])
