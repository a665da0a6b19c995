#!/usr/bin/env python3
"""fmt_examples.py MAGICC EXAMPLES_DIR

magicc fmt on the examples: every file is already formatted (fmt --check),
formatting is idempotent, and it never changes meaning. The examples are
copied, their layout mangled (indentation, trailing blanks, runs of blank lines),
planned, formatted back with fmt -i and planned again: the formatted copies
must equal the originals byte for byte, and the plan JSON before and after
formatting must be identical (but for source_hash, the files' sha256 pins and
the checksum, which hash the text)."""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

# Plans that exercise pipelines, params and inventories (cwd: the examples).
PLANS = [
    ["coffee.mm", "--require", "coffee"],
    ["provision.mm", "-i", "inventory.yaml", "--hosts", "hardware.vm"],
    ["rolling_upgrade.mm", "rolling_upgrade", "-i", "tutorial_hosts.yaml", "-D", "version=1.4.2"],
    ["app_cluster_upgrade.mm", "app_cluster_upgrade", "-i", "inventory.yaml", "-D", "backend=app",
     "-D", "cluster=bravo", "-D", "revision=20"],
    ["deploy.mm", "deploy", "-i", "inventory.yaml", "-D", "version=1"],
]


def mangle(text, rng):
    out = []
    inside = False  # in a multi-line string, whose lines fmt keeps as written
    for line in text.split("\n"):
        started_inside = inside
        inside = inside != (line.count('"""') % 2 == 1)
        if started_inside:
            out.append(line)
            continue
        stripped = line.lstrip(" ")
        if not stripped:
            out += [" " * rng.choice([0, 2])] * rng.choice([1, 2, 3])  # blank runs collapse
            continue
        trailing = "" if inside else " " * rng.choice([0, 0, 2])
        out.append(" " * rng.choice([0, 1, 3, 8]) + stripped + trailing)
    return "\n".join(out) + "\n\n"


def plans(magicc, cwd, files):
    results = []
    commands = [[f, "-i", "inventory.yaml"] for f in files] + PLANS
    for args in commands:
        p = subprocess.run([magicc, "plan", "--json"] + args, cwd=cwd, capture_output=True,
                           text=True)
        out = p.stdout
        if p.returncode == 0:
            doc = json.loads(out)
            # What hashes the text: the source hash, the files' pins and the checksum.
            doc.pop("source_hash", None)
            doc.pop("checksum", None)
            for pinned in doc.get("inputs", {}).get("files", []):
                pinned.pop("sha256", None)
            out = json.dumps(doc, sort_keys=True)
        elif out.strip():
            # Errors (JSON with --json): the same ones, wherever the layout put them.
            doc = json.loads(out)
            out = json.dumps([(d.get("kind"), d.get("message")) for d in doc["diagnostics"]])
        results.append((args, p.returncode, out))
    return results


def main():
    magicc, examples = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    sources = []
    for base, _, names in os.walk(examples):
        sources += [os.path.relpath(os.path.join(base, n), examples) for n in names if n.endswith(".mm")]
    sources.sort()
    check = subprocess.run([magicc, "fmt", "--check"] + sources, cwd=examples, capture_output=True,
                           text=True)
    if check.returncode != 0:
        print(check.stderr)
        print("examples/ is not formatted: run magicc fmt -i on it")
        return 1
    top = [s for s in sources if os.sep not in s]
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "examples")
        shutil.copytree(examples, copy)
        rng = random.Random(15)
        for s in sources:
            path = os.path.join(copy, s)
            text = open(path).read()
            open(path, "w").write(mangle(text, rng))
        before = plans(magicc, copy, top)
        fmt = subprocess.run([magicc, "fmt", "-i"] + sources, cwd=copy, capture_output=True,
                             text=True)
        if fmt.returncode != 0:
            print(fmt.stderr)
            return 1
        failures = 0
        for s in sources:
            if open(os.path.join(copy, s)).read() != open(os.path.join(examples, s)).read():
                print(f"{s}: formatting the mangled copy does not give the original back")
                failures += 1
        after = plans(magicc, copy, top)
        planned = 0
        for (args, code_a, out_a), (_, code_b, out_b) in zip(before, after):
            if (code_a, out_a) != (code_b, out_b):
                print(f"plan {' '.join(args)}: differs after formatting")
                failures += 1
            planned += code_a == 0
        if planned < len(PLANS):
            print(f"only {planned} plans succeeded; the comparison would prove little")
            failures += 1
    print(f"{len(sources)} files formatted, {planned} plans identical before and after formatting")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
