#!/usr/bin/env python3
"""The agent and the task server under load (docs/reliability.md, "Load").

Usage: server_load.py agent|serve rss|idle|slow   (MAGICC: the binary)

rss   wrk with the requests a real client makes; RSS sampled during the
      run must stay within a bound of what it was after a warm-up.
      LOAD_SECONDS (default 15) and LOAD_WARMUP (default 5) set the run.
idle  1,000 kept-alive connections held open: all stay open, a fresh
      client is answered promptly meanwhile, and their descriptors go
      when they close.
slow  slow clients trickling their header (slowloris) or their body byte
      by byte are cut off at the timeout (2 s here) while a normal client
      keeps being answered promptly."""
import http.client
import os
import shutil
import socket
import sys
import tempfile
import threading
import time

from load_support import (SKIP, Sampler, check, fd_count, percentile, raise_file_limit,
                          rss_kib, run_wrk, seconds_from_env, slope_kib_per_min, socket_count,
                          wrk_line)
import servers

MAGICC = os.environ.get("MAGICC", "magicc")
RSS_BOUND_KIB = int(os.environ.get("LOAD_RSS_BOUND_KIB", 8 * 1024))
IDLE = int(os.environ.get("LOAD_IDLE", 1000))
SLOW = int(os.environ.get("LOAD_SLOW", 100))


def mib(kib):
    return kib / 1024


def rss(server):
    seconds = seconds_from_env("LOAD_SECONDS", 15)
    warmup = seconds_from_env("LOAD_WARMUP", 5)
    warm = run_wrk(server.url, server.requests, warmup, headers=server.headers)
    check(warm["errors"] == 0, "errors during the warm-up: " + wrk_line(warm))
    start_kib = rss_kib(server.pid)
    start_fds = fd_count(server.pid)
    sampler = Sampler(server.pid)
    figures = run_wrk(server.url, server.requests, seconds, headers=server.headers)
    samples = sampler.stop()
    end_kib = rss_kib(server.pid)
    peak_kib = max([s[1] for s in samples] + [end_kib])
    peak_fds = max(s[2] for s in samples)
    print("%s under wrk for %ds (%d requests in turn, 16 connections, 2 threads): %s" %
          (server.name, seconds, len(server.requests), wrk_line(figures)))
    print("  RSS %.1f MiB after a %ds warm-up, %.1f MiB at the end, peak %.1f MiB "
          "(+%.2f MiB); slope %.1f KiB/min; descriptors %d, peak %d" %
          (mib(start_kib), warmup, mib(end_kib), mib(peak_kib), mib(peak_kib - start_kib),
           slope_kib_per_min(samples), start_fds, peak_fds))
    steps = [samples[min(len(samples) - 1, i * len(samples) // 6)] for i in range(6)]
    print("  RSS during the run: " + ", ".join("%.1f MiB at %.0f s" % (mib(r), t)
                                                for t, r, _ in steps + [samples[-1]]))
    check(figures["errors"] == 0, "requests failed: " + wrk_line(figures))
    check(figures["requests"] > 100, "wrk barely ran: " + wrk_line(figures))
    check(peak_kib - start_kib < RSS_BOUND_KIB,
          "RSS grew %.1f MiB after the warm-up (bound %.1f MiB)" %
          (mib(peak_kib - start_kib), mib(RSS_BOUND_KIB)))


def timed_request(server, method, path, body=None):
    """Seconds for one request on a new connection; fails on a bad status."""
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request(method, path, body=body, headers=server.headers)
        response = conn.getresponse()
        response.read()
    finally:
        conn.close()
    check(response.status < 400, "%s %s: %d" % (method, path, response.status))
    return time.monotonic() - started


def idle(server):
    if not raise_file_limit(IDLE + 200):
        print("the hard limit on open files is below %d: skipped" % (IDLE + 200))
        sys.exit(SKIP)
    base_fds = fd_count(server.pid)
    base_kib = rss_kib(server.pid)
    method, path, _ = server.cheap
    held = []
    opened = time.monotonic()
    for _ in range(IDLE):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        conn.request(method, path, headers=server.headers)
        response = conn.getresponse()
        response.read()
        check(response.status == 200, "%s %s: %d" % (method, path, response.status))
        held.append(conn)  # kept alive, now idle
    opened = time.monotonic() - opened
    held_fds = fd_count(server.pid)
    held_sockets = socket_count(server.pid)
    held_kib = rss_kib(server.pid)
    counted = server.open_connections()
    check(held_sockets > IDLE,  # and the listening socket
          "%d idle connections, but the server holds %d sockets" % (IDLE, held_sockets))
    if counted is not None:
        check(counted >= IDLE, "the server counts %d open connections" % counted)

    # A fresh client, one request per connection, while they idle.
    latencies = [timed_request(server, *r) for r in server.requests * 5]
    figures = run_wrk(server.url, server.requests, 2, connections=4, headers=server.headers)
    check(figures["errors"] == 0, "requests failed beside the idle ones: " + wrk_line(figures))
    check(max(latencies) < 2.0, "a fresh client waited %.2f s" % max(latencies))

    # Every idle connection is still there and still answers.
    for conn in held:
        conn.request(method, path, headers=server.headers)
        response = conn.getresponse()
        response.read()
        check(response.status == 200, "an idle connection was answered %d" % response.status)
    for conn in held:
        conn.close()
    deadline = time.monotonic() + 10
    while fd_count(server.pid) > base_fds + 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    after_fds = fd_count(server.pid)
    print("%s: %d idle connections opened in %.1f s and held; descriptors %d -> %d -> %d "
          "(closed); RSS %.1f -> %.1f MiB%s" %
          (server.name, IDLE, opened, base_fds, held_fds, after_fds, mib(base_kib),
           mib(held_kib), "" if counted is None else "; the server counted %d" % counted))
    print("  a fresh client meanwhile: %d requests, median %.1f ms, max %.1f ms; wrk -c4: %s" %
          (len(latencies), 1000 * percentile(latencies, 50), 1000 * max(latencies),
           wrk_line(figures)))
    check(after_fds <= base_fds + 2,
          "descriptors after the idle connections closed: %d (%d before)" % (after_fds, base_fds))


class Trickler:
    """Slow clients on one thread: every `every` seconds each sends its next
    byte; notes when the server closed it. `clients` are (connected socket,
    what it trickles)."""

    def __init__(self, clients, every):
        self.every = every
        self.clients = []
        for s, payload in clients:
            s.setblocking(False)
            self.clients.append({"socket": s, "payload": payload, "sent": 0,
                                 "opened": time.monotonic(), "closed": None, "answer": b""})
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(c["closed"] is None for c in self.clients):
            for c in self.clients:
                if c["closed"] is not None:
                    continue
                s = c["socket"]
                try:
                    data = s.recv(4096)
                    if not data:
                        c["closed"] = time.monotonic()
                        continue
                    c["answer"] += data
                except BlockingIOError:
                    pass
                except OSError:
                    c["closed"] = time.monotonic()
                    continue
                payload = c["payload"]
                byte = payload[c["sent"] % len(payload):][:1]
                try:
                    s.send(byte)
                    c["sent"] += 1
                except BlockingIOError:
                    pass
                except OSError:
                    c["closed"] = time.monotonic()
            time.sleep(self.every)
        for c in self.clients:
            c["socket"].close()

    def join(self):
        self.thread.join()
        return self.clients


def slow(server):
    timeout = 2.0
    if not raise_file_limit(2 * SLOW + 200):
        sys.exit(SKIP)
    base_fds = fd_count(server.pid)
    auth = "".join("%s: %s\r\n" % kv for kv in server.headers.items())
    method, path, _ = server.requests[1]
    # A header that never ends: after the request line, one made-up field
    # after another, as slowloris does.
    header = ("%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%sUser-Agent: slow\r\n" %
              (method, path, auth) + "X-Slow: 1\r\n" * 100).encode()
    upload_method, upload_path = server.upload
    body = ('{"requirements": ["coffee"], "padding": "%s"}' % ("x" * 200)).encode()
    upload = ("%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%sContent-Type: application/json\r\n"
              "Content-Length: %d\r\n\r\n" % (upload_method, upload_path, auth, len(body)))
    connect = lambda: socket.create_connection(("127.0.0.1", server.port), timeout=5)
    headers = [(connect(), header) for _ in range(SLOW - SLOW // 10)]
    # Slow bodies: the header at once, then the body byte by byte.
    bodies = []
    for _ in range(SLOW // 10):
        s = connect()
        s.sendall(upload.encode())
        bodies.append((s, body))
    trickler = Trickler(headers + bodies, every=0.1)

    # Meanwhile a normal client, one request after the other.
    latencies = []
    started = time.monotonic()
    while time.monotonic() - started < timeout + 1.5:
        for r in server.requests:
            latencies.append(timed_request(server, *r))
    clients = trickler.join()
    lived = [c["closed"] - c["opened"] for c in clients if c["closed"] is not None]
    span = lambda cs: "%.2f-%.2f s" % (min(c["closed"] - c["opened"] for c in cs),
                                       max(c["closed"] - c["opened"] for c in cs))
    still_open = sum(1 for c in clients if c["closed"] is None)
    answered = sum(1 for c in clients if c["answer"])
    deadline = time.monotonic() + 5
    while fd_count(server.pid) > base_fds + 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    after_fds = fd_count(server.pid)
    check(still_open == 0, "%d slow clients were never cut off" % still_open)
    print("%s: %d slow headers and %d slow bodies, a byte every 0.1 s, timeouts %.0f s: "
          "headers cut off after %s, bodies after %s, %d answered" %
          (server.name, len(headers), len(bodies), timeout, span(clients[:len(headers)]),
           span(clients[len(headers):]), answered))
    print("  a normal client meanwhile: %d requests, median %.1f ms, p99 %.1f ms, max %.1f ms; "
          "descriptors %d before, %d after" %
          (len(latencies), 1000 * percentile(latencies, 50), 1000 * percentile(latencies, 99),
           1000 * max(latencies), base_fds, after_fds))
    check(answered == 0, "%d slow clients got an answer" % answered)
    check(min(lived) >= timeout - 0.5,
          "a slow client was cut off after %.2f s, before the timeout" % min(lived))
    check(max(lived) < timeout + 3, "a slow client lived %.2f s" % max(lived))
    check(max(latencies) < 1.5,
          "a normal request took %.2f s beside the slow clients" % max(latencies))
    check(after_fds <= base_fds + 2,
          "descriptors after the slow clients: %d (%d before)" % (after_fds, base_fds))


def main():
    which, case = sys.argv[1], sys.argv[2]
    workdir = tempfile.mkdtemp(prefix="magicc-load-")
    timeouts = {"header_timeout": "2s", "body_timeout": "2s"} if case == "slow" else {}
    server = servers.start(which, MAGICC, workdir, **timeouts)
    try:
        {"rss": rss, "idle": idle, "slow": slow}[case](server)
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    print("ok")


if __name__ == "__main__":
    main()
