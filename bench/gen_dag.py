"""Writes one DAG of N commands three ways: a magic program (dag.mm), a
Makefile and a build.ninja, so that magicc, make and ninja run the same work.
Layers of WIDTH nodes; each node depends on up to two nodes of the layer
before it (chosen with a fixed seed).

usage: gen_dag.py --nodes 2000 --width 100 --command true --out DIR"""
import argparse
import os
import random

p = argparse.ArgumentParser()
p.add_argument("--nodes", type=int, default=2000)
p.add_argument("--width", type=int, default=100)
p.add_argument("--command", default="true", help="the command each node runs; empty: none")
p.add_argument("--out", required=True)
a = p.parse_args()
os.makedirs(a.out, exist_ok=True)
rng = random.Random(7)
deps = []
for i in range(a.nodes):
    layer = i // a.width
    if layer == 0:
        deps.append([])
        continue
    prev = range((layer - 1) * a.width, layer * a.width)
    deps.append(sorted(set(rng.sample(prev, min(2, len(prev))))))

name = lambda i: f"n{i:06d}"
with open(os.path.join(a.out, "dag.mm"), "w") as f:
    for i, d in enumerate(deps):
        fields = []
        if d:
            fields.append("depends: [" + ", ".join(name(j) for j in d) + "]")
        if a.command:
            fields.append(f'run: "{a.command}"')
        f.write(f"item {name(i)} {{ {', '.join(fields)} }}\n")
with open(os.path.join(a.out, "Makefile"), "w") as f:
    f.write(".PHONY: all " + " ".join(name(i) for i in range(a.nodes)) + "\n")
    f.write("all: " + " ".join(name(i) for i in range(a.nodes)) + "\n")
    for i, d in enumerate(deps):
        f.write(f"{name(i)}: {' '.join(name(j) for j in d)}\n\t@{a.command or 'true'}\n")
with open(os.path.join(a.out, "build.ninja"), "w") as f:
    f.write(f"rule run\n  command = {a.command or 'true'}\n")
    for i, d in enumerate(deps):
        order = (" || " + " ".join(name(j) for j in d)) if d else ""
        f.write(f"build {name(i)}: run{order}\n")
    f.write("default " + " ".join(name(i) for i in range(a.nodes)) + "\n")
