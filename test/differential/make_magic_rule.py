#!/usr/bin/env python3
"""Differential test of the make-magic filtering rule against `magicc plan --json`.

For random programs of items (a DAG over i0..iN-1, some items with an `if:`
condition over a handful of tags) and a random requirement set, this script
computes the expected plan with its own, independent implementation and
compares it with what magicc prints.

The rule (LANGUAGE.md "Items", make-magic's QUICKSTART): an item whose `if` is
false is removed together with every dependency edge pointing to it; nothing
else is removed or re-routed; TaskComplete depends on every remaining item that
no remaining item depends on. Waves are Kahn levels, names sorted inside a wave,
then a final wave ["TaskComplete"].

Conditions: `!` binds tightest, then `&`, then `|`.

Usage: make_magic_rule.py [MAGICC] [--seed S] [--programs N] [--mixed] [--edges]
  MAGICC      path to magicc (else $MAGICC, else build/bin/magicc in the repo)
  --mixed     also emit unparenthesised mixes of & and | (tests precedence;
              magicc warns about them, the warnings are swallowed)
  --edges     also express some dependencies as `a -> b` edge statements
Standard library only.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

TAGS = ["a", "b", "c", "os.debian", "os.rhel5", "hw.vm"]
MAX_DEPTH = 4
TIMEOUT_S = 20


# --------------------------------------------------------------------------
# Conditions: a tiny AST, a generator, a printer, a parser and an evaluator.
# AST: ("tag", name) | ("not", e) | ("and", [e..]) | ("or", [e..])
# --------------------------------------------------------------------------

def gen_cond(rng, depth):
    if depth <= 0 or rng.random() < 0.35:
        return ("tag", rng.choice(TAGS))
    r = rng.random()
    if r < 0.25:
        return ("not", gen_cond(rng, depth - 1))
    op = "and" if r < 0.625 else "or"
    n = rng.choice([2, 2, 2, 3])
    return (op, [gen_cond(rng, depth - 1) for _ in range(n)])


def render(e, mixed, rng, top=True):
    """Source text for e.  Without `mixed`, every and/or operand that is itself
    an and/or is parenthesised (so & and | are never mixed without parentheses).
    With `mixed`, parentheses are left out wherever precedence allows it."""
    kind = e[0]
    if kind == "tag":
        return e[1]
    if kind == "not":
        inner = e[1]
        s = render(inner, mixed, rng, top=False)
        if inner[0] in ("and", "or"):
            return "!(" + s + ")"
        # sometimes write a redundant space or parentheses around an atom
        if inner[0] == "tag" and rng.random() < 0.2:
            return "!(" + s + ")"
        return ("! " if rng.random() < 0.2 else "!") + s
    op = "&" if kind == "and" else "|"
    parts = []
    for sub in e[1]:
        s = render(sub, mixed, rng, top=False)
        if sub[0] in ("and", "or"):
            need = True
            if mixed:
                # `a & b | c` reads as (a & b) | c: an and inside an or needs
                # no parentheses; an or inside an and does.  Same op: associative.
                need = (kind == "and" and sub[0] == "or")
            if need or (sub[0] == kind and rng.random() < 0.5):
                s = "(" + s + ")"
        parts.append(s)
    sep = " " + op + " " if rng.random() < 0.8 else op
    return sep.join(parts)


def tokenize(src):
    toks, i = [], 0
    while i < len(src):
        ch = src[i]
        if ch.isspace():
            i += 1
        elif ch in "!&|()":
            toks.append(ch)
            i += 1
        elif ch.isalpha() or ch == "_":
            j = i
            while j < len(src) and (src[j].isalnum() or src[j] in "_."):
                j += 1
            toks.append(src[i:j])
            i = j
        else:
            raise ValueError("bad character %r in condition %r" % (ch, src))
    return toks


def parse_cond(src):
    """cond := or; or := and ('|' and)*; and := not ('&' not)*;
    not := '!' not | atom; atom := '(' cond ')' | TAG"""
    toks = tokenize(src)
    pos = [0]

    def peek():
        return toks[pos[0]] if pos[0] < len(toks) else None

    def take(t=None):
        tok = peek()
        if tok is None or (t is not None and tok != t):
            raise ValueError("parse error at %r in %r" % (tok, src))
        pos[0] += 1
        return tok

    def p_or():
        xs = [p_and()]
        while peek() == "|":
            take("|")
            xs.append(p_and())
        return xs[0] if len(xs) == 1 else ("or", xs)

    def p_and():
        xs = [p_not()]
        while peek() == "&":
            take("&")
            xs.append(p_not())
        return xs[0] if len(xs) == 1 else ("and", xs)

    def p_not():
        if peek() == "!":
            take("!")
            return ("not", p_not())
        if peek() == "(":
            take("(")
            e = p_or()
            take(")")
            return e
        tok = take()
        if tok in ("!", "&", "|", "(", ")"):
            raise ValueError("parse error at %r in %r" % (tok, src))
        return ("tag", tok)

    e = p_or()
    if peek() is not None:
        raise ValueError("trailing %r in %r" % (peek(), src))
    return e


def evaluate(e, reqs):
    kind = e[0]
    if kind == "tag":
        return e[1] in reqs
    if kind == "not":
        return not evaluate(e[1], reqs)
    if kind == "and":
        return all(evaluate(x, reqs) for x in e[1])
    return any(evaluate(x, reqs) for x in e[1])


# --------------------------------------------------------------------------
# Programs
# --------------------------------------------------------------------------

def gen_program(rng, mixed, edges):
    """Returns (source text, items, requirements); items is a list of
    (name, [dependency names], condition source or None)."""
    n = rng.randint(1, 40)
    density = rng.choice([0.05, 0.1, 0.2, 0.4])
    p_cond = rng.choice([0.0, 0.2, 0.5, 0.8, 1.0])
    items = []
    for k in range(n):
        deps = [f"i{j}" for j in range(k) if rng.random() < density]
        if deps and rng.random() < 0.3 and k > 0:
            deps = deps[:1]
        rng.shuffle(deps)
        cond = None
        if rng.random() < p_cond:
            ast = gen_cond(rng, rng.randint(0, MAX_DEPTH))
            cond = render(ast, mixed, rng)
            # the printed text must mean the generated tree (checks the printer
            # and the parser against each other, over every requirement set)
            for mask in range(1 << len(TAGS)):
                rs = {t for b, t in enumerate(TAGS) if mask >> b & 1}
                assert evaluate(parse_cond(cond), rs) == evaluate(ast, rs), cond
        items.append((f"i{k}", deps, cond))

    decl_order = list(range(n))
    if rng.random() < 0.5:
        rng.shuffle(decl_order)

    lines = ["# generated by test/differential/make_magic_rule.py"]
    edge_lines = []
    for k in decl_order:
        name, deps, cond = items[k]
        via_depends, via_edges = deps, []
        if edges and deps:
            cut = rng.randint(0, len(deps))
            via_depends, via_edges = deps[:cut], deps[cut:]
        fields = []
        if cond is not None:
            fields.append(f"if: {cond}")
        if len(via_depends) == 1 and rng.random() < 0.5:
            fields.append(f"depends: {via_depends[0]}")
        elif via_depends:
            fields.append("depends: [" + ", ".join(via_depends) + "]")
        sep = rng.choice([", ", "; ", "\n  "])
        if not fields:
            lines.append(f"item {name} {{}}")
        elif sep == "\n  ":
            lines.append(f"item {name} {{\n  " + sep.join(fields) + "\n}")
        else:
            lines.append(f"item {name} {{ " + sep.join(fields) + " }")
        for d in via_edges:
            edge_lines.append(f"{d} -> {name}")
    rng.shuffle(edge_lines)
    src = "\n".join(lines + edge_lines) + "\n"

    reqs = sorted(t for t in TAGS if rng.random() < 0.45)
    return src, items, reqs


def expected_plan(items, reqs):
    reqset = set(reqs)
    kept, filtered = {}, []
    for name, deps, cond in items:
        if cond is None or evaluate(parse_cond(cond), reqset):
            kept[name] = deps
        else:
            filtered.append(name)
    nodes = {name: sorted(d for d in deps if d in kept) for name, deps in kept.items()}
    depended_on = {d for deps in nodes.values() for d in deps}
    task_complete = sorted(n for n in nodes if n not in depended_on)

    waves, placed, remaining = [], set(), set(nodes)
    while remaining:
        wave = sorted(n for n in remaining if all(d in placed for d in nodes[n]))
        if not wave:
            raise AssertionError("reference: cycle among " + repr(sorted(remaining)))
        waves.append(wave)
        placed.update(wave)
        remaining.difference_update(wave)
    waves.append(["TaskComplete"])
    return {"nodes": nodes, "task_complete": task_complete,
            "filtered": sorted(filtered), "waves": waves}


# --------------------------------------------------------------------------
# magicc
# --------------------------------------------------------------------------

def run_magicc(magicc, path, reqs):
    cmd = [magicc, "plan", path, "--json"]
    if reqs:
        cmd += ["-r", ",".join(reqs)]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=TIMEOUT_S)
    return cmd, p


def actual_plan(out):
    doc = json.loads(out)
    t = doc["targets"][0]
    nodes, task_complete, problems = {}, None, []
    for i, nd in enumerate(t["nodes"]):
        if nd["name"] == "TaskComplete":
            task_complete = sorted(nd["depends"])
            if i != len(t["nodes"]) - 1:
                problems.append("TaskComplete is not the last node")
            if nd.get("type") != "task_complete":
                problems.append("TaskComplete has type %r" % nd.get("type"))
            continue
        if nd["name"] in nodes:
            problems.append("duplicate node %r" % nd["name"])
        if nd.get("type") != "item":
            problems.append("node %r has type %r" % (nd["name"], nd.get("type")))
        if len(set(nd["depends"])) != len(nd["depends"]):
            problems.append("node %r has duplicate depends %r" % (nd["name"], nd["depends"]))
        nodes[nd["name"]] = sorted(set(nd["depends"]))
    if task_complete is None:
        problems.append("no TaskComplete node")
    return {"nodes": nodes, "task_complete": task_complete,
            "filtered": sorted(f["name"] for f in t["filtered"]),
            "waves": t["waves"]}, problems


def compare(exp, act):
    diffs = []
    en, an = set(exp["nodes"]), set(act["nodes"])
    if en != an:
        diffs.append("node names: expected %s, got %s (missing %s, extra %s)" % (
            sorted(en), sorted(an), sorted(en - an), sorted(an - en)))
    for n in sorted(en & an):
        if set(exp["nodes"][n]) != set(act["nodes"][n]):
            diffs.append("depends of %s: expected %s, got %s" % (
                n, exp["nodes"][n], act["nodes"][n]))
    if act["task_complete"] is not None and \
            set(exp["task_complete"]) != set(act["task_complete"]):
        diffs.append("TaskComplete depends: expected %s, got %s" % (
            exp["task_complete"], act["task_complete"]))
    if exp["filtered"] != act["filtered"]:
        diffs.append("filtered: expected %s, got %s" % (exp["filtered"], act["filtered"]))
    if exp["waves"] != act["waves"]:
        diffs.append("waves: expected %s, got %s" % (exp["waves"], act["waves"]))
    return diffs


def default_magicc():
    env = os.environ.get("MAGICC")
    if env:
        return env
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return os.path.join(root, "build", "bin", "magicc")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("magicc", nargs="?", default=None)
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument("--programs", type=int, default=300)
    ap.add_argument("--mixed", action="store_true")
    ap.add_argument("--edges", action="store_true")
    args = ap.parse_args()
    magicc = args.magicc or default_magicc()
    if not (os.path.isfile(magicc) and os.access(magicc, os.X_OK)):
        print("make_magic_rule: no magicc at %s" % magicc, file=sys.stderr)
        return 2

    rng = random.Random(args.seed)
    tmp = tempfile.mkdtemp(prefix="magicc-diff-")
    passed = 0
    try:
        for k in range(args.programs):
            src, items, reqs = gen_program(rng, args.mixed, args.edges)
            exp = expected_plan(items, reqs)
            path = os.path.join(tmp, "p%d.mm" % k)
            with open(path, "w") as f:
                f.write(src)
            failure = None
            try:
                cmd, p = run_magicc(magicc, path, reqs)
            except subprocess.TimeoutExpired:
                cmd, p, failure = None, None, ["magicc timed out after %ds" % TIMEOUT_S]
            except OSError as e:
                cmd, p, failure = None, None, ["cannot run %s: %s" % (magicc, e)]
            if failure is None and p.returncode != 0:
                failure = ["magicc exited %d" % p.returncode,
                           "stderr: " + p.stderr.decode(errors="replace")]
            act = None
            if failure is None:
                try:
                    act, problems = actual_plan(p.stdout)
                except (ValueError, KeyError, IndexError, TypeError) as e:
                    failure = ["cannot read magicc's JSON: %r" % e,
                               "stdout: " + p.stdout.decode(errors="replace")[:2000]]
                else:
                    failure = problems + compare(exp, act)
            if failure:
                print("FAIL: program %d (seed %d)" % (k, args.seed))
                print("---- program ----")
                print(src, end="")
                print("---- requirements: %s" % (",".join(reqs) or "(none)"))
                if cmd:
                    print("---- command: %s" % " ".join(cmd))
                for line in failure:
                    print("  " + line)
                print("---- expected ----")
                print(json.dumps(exp, indent=None, sort_keys=True))
                if act is not None:
                    print("---- actual ----")
                    print(json.dumps(act, indent=None, sort_keys=True))
                print("%d passed, 1 failed" % passed)
                return 1
            os.unlink(path)
            passed += 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, 0 failed" % passed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
