"""What the load tests share: the servers they start (the agent and task
server fixtures of test/agent and test/serve), a process's RSS, descriptors
and zombie children read from /proc, and wrk driven by a Lua script that
reports its figures as JSON."""
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "agent"))
sys.path.insert(0, os.path.join(HERE, "..", "serve"))

SKIP = 77  # ctest SKIP_RETURN_CODE


def seconds_from_env(name, default):
    """A duration in seconds from the environment (docs figures run longer)."""
    value = os.environ.get(name)
    return float(value) if value else default


def fail(message):
    print("FAILED: " + message, flush=True)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


# --- /proc ----------------------------------------------------------------

def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def fd_count(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def socket_count(pid):
    count = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            count += os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:")
        except OSError:
            pass  # closed meanwhile
    return count


def children(pid):
    """(pid, state letter) of each child of `pid`."""
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children") as f:
                kids = [int(k) for k in f.read().split()]
        except OSError:
            continue
        for kid in kids:
            try:
                with open(f"/proc/{kid}/stat") as f:
                    stat = f.read()
            except OSError:
                continue  # reaped meanwhile
            found.append((kid, stat[stat.rindex(")") + 2]))
    return found


def raise_file_limit(needed):
    """The soft limit on open files raised to the hard one; False if even
    that is below `needed`."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < needed:
        return False
    if soft != resource.RLIM_INFINITY and soft < needed:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return True


class Sampler:
    """Samples a process every `every` seconds on a thread until stopped."""

    def __init__(self, pid, every=0.25):
        self.pid, self.every = pid, every
        self.samples = []  # (seconds since start, RSS KiB, descriptors)
        self._stop = threading.Event()
        self._start = time.monotonic()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                self.samples.append((time.monotonic() - self._start, rss_kib(self.pid),
                                     fd_count(self.pid)))
            except (OSError, RuntimeError):
                return
            self._stop.wait(self.every)

    def stop(self):
        self._stop.set()
        self._thread.join()
        return self.samples


def slope_kib_per_min(samples):
    """Least-squares slope of RSS over time, KiB per minute."""
    if len(samples) < 3:
        return 0.0
    ts = [s[0] for s in samples]
    rs = [s[1] for s in samples]
    mt, mr = statistics.fmean(ts), statistics.fmean(rs)
    den = sum((t - mt) ** 2 for t in ts)
    return 60 * sum((t - mt) * (r - mr) for t, r in zip(ts, rs)) / den if den else 0.0


# --- wrk --------------------------------------------------------------------

WRK_SCRIPT = r"""
local requests = %s
local i = 0
%s
request = function()
  i = i %% #requests + 1
  local r = requests[i]
  return wrk.format(r[1], r[2], nil, r[3])
end
done = function(summary, latency, _)
  io.write(string.format(
    'WRKJSON {"requests":%%d,"duration_us":%%d,"connect":%%d,"read":%%d,"write":%%d,' ..
    '"status":%%d,"timeout":%%d,"mean_us":%%.1f,"p50_us":%%d,"p99_us":%%d,"max_us":%%d}\n',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout, latency.mean,
    latency:percentile(50), latency:percentile(99), latency.max))
end
"""


def lua_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def wrk_script(requests, headers):
    """A Lua script cycling through (method, path, body or None)."""
    rows = ",\n  ".join("{%s, %s, %s}" % (lua_string(m), lua_string(p),
                                         "nil" if b is None else lua_string(b))
                        for m, p, b in requests)
    head = "\n".join("wrk.headers[%s] = %s" % (lua_string(k), lua_string(v))
                     for k, v in headers.items())
    return WRK_SCRIPT % ("{\n  " + rows + "\n}", head)


def run_wrk(url, requests, seconds, connections=16, threads=2, headers=None):
    """wrk against `url` for `seconds`; its figures as a dict."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(wrk_script(requests, headers or {}))
        script = f.name
    try:
        out = subprocess.run(
            ["wrk", "-t", str(threads), "-c", str(connections), "-d", "%ds" % max(1, seconds),
             "--timeout", "5s", "-s", script, url],
            capture_output=True, text=True, timeout=seconds + 60)
    finally:
        os.unlink(script)
    for line in out.stdout.splitlines():
        if line.startswith("WRKJSON "):
            figures = json.loads(line[len("WRKJSON "):])
            figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
            figures["errors"] = sum(figures[k] for k in
                                    ("connect", "read", "write", "status", "timeout"))
            return figures
    fail("wrk printed no figures: " + out.stdout + out.stderr)


def wrk_line(f):
    return ("%d requests, %.0f req/s, latency mean %.2f ms, p50 %.2f ms, p99 %.2f ms, "
            "max %.2f ms, %d errors" % (f["requests"], f["rps"], f["mean_us"] / 1000,
                                        f["p50_us"] / 1000, f["p99_us"] / 1000,
                                        f["max_us"] / 1000, f["errors"]))


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q / 100 * len(values)))]
