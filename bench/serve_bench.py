#!/usr/bin/env python3
"""Claims per second on `magicc serve`, SQLite and PostgreSQL in one run:
a program of N items with a command each, one task of them, 32 concurrent
claim loops (bench/serve_bench.cpp) until every item is claimed. The
PostgreSQL cluster is started here (initdb/pg_ctl, a free port).

Usage: serve_bench.py MAGICC SERVE_BENCH [ITEMS] [WORKERS]"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "serve"))
from serve_support import Server, jcall, postgres, temp_dir  # noqa: E402

magicc, bench = sys.argv[1], sys.argv[2]
items = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
workers = sys.argv[4] if len(sys.argv) > 4 else "32"
tmp = temp_dir("magicc-serve-bench-")
program = os.path.join(tmp, "items.mm")
with open(program, "w") as f:
    for i in range(items):
        f.write(f'item i{i} {{ run: "true" }}\n')


def measure(store, label):
    with Server(magicc, program, store) as s:
        uuid = jcall(s.base, "POST", "/task/create", {"requirements": []}, timeout=300)["metadata"]["uuid"]
        out = subprocess.run([bench, s.base, uuid, workers], check=True, capture_output=True,
                             text=True).stdout
        result = json.loads(out)
        result["store"] = label
        print(json.dumps(result))


measure("sqlite:" + os.path.join(tmp, "tasks.db"), "sqlite")
with postgres() as uri:
    measure(uri, "postgresql")
