#!/usr/bin/env python3
"""Generates a fleet benchmark: N items with random conditions over T tags,
and an Ansible inventory of H hosts, each in a random subset of the tag groups.

    python3 bench/gen_fleet.py --items 4000 --hosts 2000 --tags 64 --out DIR
writes DIR/fleet.mm and DIR/hosts.yaml. Deterministic for a given --seed.
"""
import argparse
import os
import random


def condition(rng, tags, depth=0):
    r = rng.random()
    if depth >= 2 or r < 0.45:
        t = rng.choice(tags)
        return ("!" + t) if rng.random() < 0.2 else t
    op = " & " if rng.random() < 0.5 else " | "
    parts = [condition(rng, tags, depth + 1) for _ in range(rng.randint(2, 3))]
    return "(" + op.join(parts) + ")"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=4000)
    ap.add_argument("--hosts", type=int, default=2000)
    ap.add_argument("--tags", type=int, default=64)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    tags = [f"t{i}" for i in range(a.tags)]
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "fleet.mm"), "w") as f:
        for i in range(a.items):
            fields = []
            if rng.random() < 0.8:
                fields.append("if: " + condition(rng, tags))
            if i and rng.random() < 0.7:
                deps = sorted({f"i{rng.randrange(i)}" for _ in range(rng.randint(1, 3))})
                fields.append("depends: [" + ", ".join(deps) + "]")
            fields.append(f'run: "step {i} ${{host.name}}"')
            f.write(f"item i{i} {{ " + ", ".join(fields) + " }\n")
    members = {t: [] for t in tags}
    for h in range(a.hosts):
        for t in rng.sample(tags, rng.randint(8, 24)):
            members[t].append(f"h{h}")
    with open(os.path.join(a.out, "hosts.yaml"), "w") as f:
        f.write("all:\n  children:\n")
        for t in tags:
            f.write(f"    {t}:\n      hosts:\n")
            for h in members[t]:
                f.write(f"        {h}: {{}}\n")


if __name__ == "__main__":
    main()
