#!/usr/bin/env python3
"""Two `magicc serve` processes on one PostgreSQL cluster (started here with
initdb/pg_ctl on a free port): 32 threads racing for the items of one task,
half through each server, with claims and with make-magic's guarded state
change: exactly one winner per item. A long poll on one server wakes when
the other changes the task (LISTEN/NOTIFY). Restarting loses nothing.

Usage: postgres_test.py MAGICC   (exits 77, skipped, without PostgreSQL)"""
import json
import os
import sys
import threading
import time

from serve_support import Server, call, jcall, postgres, temp_dir

magicc = sys.argv[1]
ITEMS = 120
tmp = temp_dir("magicc-pg-serve-")
program = os.path.join(tmp, "many.mm")
with open(program, "w") as f:
    for i in range(ITEMS):
        f.write(f'item i{i:03d} {{ run: "true" }}\n')
expected = sorted(f"i{i:03d}" for i in range(ITEMS))


def race(servers, worker):
    """32 threads, alternating servers; returns what each won."""
    won = [[] for _ in range(32)]
    errors = []

    def run(n):
        try:
            worker(servers[n % 2].base, n, won[n])
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(repr(e))

    threads = [threading.Thread(target=run, args=(n,)) for n in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return [name for w in won for name in w]


with postgres() as uri:
    a = Server(magicc, program, uri)
    b = Server(magicc, program, uri)  # migrates concurrently-safe: the schema exists now
    try:
        # Claims: one statement each, FOR UPDATE SKIP LOCKED.
        uuid = jcall(a.base, "POST", "/task/create", {"requirements": []})["metadata"]["uuid"]

        def claimer(base, n, won):
            misses = 0
            while misses < 3:
                status, text = call(base, "POST", f"/task/{uuid}/claim", {"token": n})
                if status == 200:
                    item = json.loads(text)
                    assert item["_change_state_token"] == n, item
                    won.append(item["name"])
                    misses = 0
                elif status == 204:
                    misses += 1
                else:
                    raise AssertionError(f"claim: {status} {text}")

        claimed = race([a, b], claimer)
        assert sorted(claimed) == expected, (len(claimed), len(set(claimed)))
        states = {i["name"]: i for i in jcall(b.base, "GET", "/task/" + uuid)["items"]}
        assert all(states[n]["state"] == "IN_PROGRESS" for n in expected)

        # make-magic's way: read what is available, change state guarded,
        # and believe the token that comes back.
        uuid2 = jcall(b.base, "POST", "/task/create", {"requirements": []})["metadata"]["uuid"]

        def guarded(base, n, won):
            token = 1000 + n
            while True:
                ready = jcall(base, "GET", f"/task/{uuid2}/available")
                if not ready:
                    return
                for item in ready[n % len(ready):] + ready[:n % len(ready)]:
                    body = {"state": "IN_PROGRESS", "_change_state_token": token,
                            "onlyif": {"state": "INCOMPLETE"}}
                    after = jcall(base, "POST", f"/task/{uuid2}/{item['name']}", body)
                    if after["_change_state_token"] == token:
                        won.append(item["name"])
                        break

        won = race([a, b], guarded)
        assert sorted(won) == expected, (len(won), len(set(won)))

        # A long poll on b wakes when a changes the task.
        answer = {}

        def poll():
            t0 = time.time()
            answer["body"] = jcall(b.base, "GET", f"/task/{uuid}/available?wait=20s")
            answer["took"] = time.time() - t0

        waiter = threading.Thread(target=poll)
        waiter.start()
        time.sleep(0.5)
        jcall(a.base, "POST", f"/task/{uuid}/i000", {"state": "INCOMPLETE"})
        waiter.join()
        assert [i["name"] for i in answer["body"]] == ["i000"], answer
        assert answer["took"] < 10, answer
        before = jcall(a.base, "GET", "/task/" + uuid)
    finally:
        a.stop()
        b.stop()

    # Restarting loses nothing.
    with Server(magicc, program, uri) as c:
        assert jcall(c.base, "GET", "/task/") == [uuid, uuid2]
        assert jcall(c.base, "GET", "/task/" + uuid) == before
print("postgres: ok")
