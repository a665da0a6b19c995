#!/usr/bin/env python3
"""Run every command of the README and the tutorial; compare what they print.

Usage: docs_commands_test.py --magicc build/bin/magicc --source REPO [FILE.md ...]
(FILE.md defaults to README.md and docs/tutorial.md of REPO).

The convention in the markdown:

- A fenced ```console block is run. Each line starting with `$ ` is a command
  (a line ending in `\\` continues on the next one); the lines after it, up to
  the next command, are its documented output, stdout and stderr together.
  A line `...` in an output stands for any number of lines (none included):
  an elided output is compared on the lines shown only.
- A command must exit 0, unless its trailing comment says otherwise with the
  words `exit N` (`$ magicc check bad.mm   # errors: exit 1`).
- Every other shell block (```sh, ```bash, ```shell or a bare ```) must be
  preceded by `<!-- doc-test: skip REASON -->`, so that no command goes
  untested unnoticed. A console block may be skipped the same way.

Each file is one shell session: commands run in order with bash from the
repository root, and `cd` and `export` carry over to the next command. The
session runs in a fresh temporary directory S holding what the commands need:
S/repo/examples (a copy, without any .magicc state) and S/repo/build/bin/magicc
(the magicc under test), with S/repo/build/bin first on PATH. `/tmp/` is
private: it is rewritten to S/tmp/ in the commands and in the copied examples
(password_file.mm writes /tmp/magicc-demo), so the test touches no shared
files and runs in parallel with others.

Normalisation, applied to the documented and the actual output alike:
- S/tmp is written /tmp, and S/repo is written /path/to/magicc;
- durations in seconds with decimals (`0.42s`) become `#.##s`;
- run ids (16 hex digits) become `<id>`, sha256 digests (64) `<sha256>`;
- ISO 8601 times (`2026-01-02T03:04:05.678Z`) become `<time>`;
- trailing blanks of each line and trailing empty lines are dropped.
Anything else must match exactly. Exit status 0 when every block matches.
"""

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SHELL_LANGS = {"", "sh", "bash", "shell", "console"}
SKIP = re.compile(r"<!--\s*doc-test:\s*skip\s+(.+?)\s*-->")
EXIT = re.compile(r"#.*\bexit (\d+)\b")
TIMEOUT = 60


class Block:
    def __init__(self, path, line, lang, lines, skip):
        self.path, self.line, self.lang, self.lines, self.skip = path, line, lang, lines, skip


def blocks(path):
    """The fenced blocks of a markdown file, with the skip note before each."""
    out, pending_skip, fence = [], None, None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for number, text in enumerate(lines, 1):
        if fence is None:
            m = SKIP.search(text)
            if m:
                pending_skip = m.group(1)
            elif text.startswith("```"):
                fence = Block(path, number, text[3:].strip(), [], pending_skip)
                pending_skip = None
            elif text.strip():
                pending_skip = None
        elif text.startswith("```"):
            out.append(fence)
            fence = None
        else:
            fence.lines.append(text)
    return out


def commands(block):
    """(line number, command, expected output lines) of a console block."""
    out, i, lines = [], 0, block.lines
    while i < len(lines):
        if not lines[i].startswith("$ "):
            raise SystemExit(f"{block.path}:{block.line + 1 + i}: output before any command")
        number, cmd = block.line + 1 + i, lines[i][2:]
        while cmd.endswith("\\") and i + 1 < len(lines):
            i += 1
            cmd += "\n" + lines[i]
        i += 1
        expected = []
        while i < len(lines) and not lines[i].startswith("$ "):
            expected.append(lines[i])
            i += 1
        out.append((number, cmd, expected))
    return out


def normalise(lines, sandbox=None):
    out = []
    for text in lines:
        if sandbox:
            text = text.replace(os.path.join(sandbox, "tmp"), "/tmp")
            text = text.replace(os.path.join(sandbox, "repo"), "/path/to/magicc")
        text = re.sub(r"\b\d+\.\d+s\b", "#.##s", text)
        text = re.sub(r"\b[0-9a-f]{64}\b", "<sha256>", text)
        text = re.sub(r"\b[0-9a-f]{16}\b", "<id>", text)
        text = re.sub(r"\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", "<time>", text)
        out.append(text.rstrip())
    while out and not out[-1]:
        out.pop()
    return out


def matches(expected, actual):
    """Whether actual fits expected, where a line '...' fits any run of lines."""
    # fits[i][j]: expected[i:] fits actual[j:]
    n, m = len(expected), len(actual)
    fits = [[False] * (m + 1) for _ in range(n + 1)]
    fits[n][m] = True
    for i in range(n - 1, -1, -1):
        for j in range(m, -1, -1):
            if expected[i] == "...":
                fits[i][j] = fits[i + 1][j] or (j < m and fits[i][j + 1])
            else:
                fits[i][j] = j < m and expected[i] == actual[j] and fits[i + 1][j + 1]
    return fits[0][0]


def sandbox_for(source, magicc):
    root = tempfile.mkdtemp(prefix="magicc-docs-")
    private_tmp = os.path.join(root, "tmp")
    os.makedirs(private_tmp)
    examples = os.path.join(root, "repo", "examples")
    shutil.copytree(os.path.join(source, "examples"), examples,
                    ignore=shutil.ignore_patterns(".magicc"))
    for directory, _, files in os.walk(examples):
        for name in files:
            path = os.path.join(directory, name)
            with open(path, encoding="utf-8", errors="surrogateescape") as f:
                text = f.read()
            if "/tmp/" in text:
                with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
                    f.write(text.replace("/tmp/", private_tmp + "/"))
    bin_dir = os.path.join(root, "repo", "build", "bin")
    os.makedirs(bin_dir)
    os.symlink(os.path.abspath(magicc), os.path.join(bin_dir, "magicc"))
    return root


def run_file(path, source, magicc, verbose):
    """Runs one markdown file's console blocks; returns the failures."""
    failures, found = [], blocks(path)
    rel = os.path.relpath(path, source)
    for b in found:
        if b.lang in SHELL_LANGS and b.lang != "console" and not b.skip:
            failures.append(f"{rel}:{b.line}: a ```{b.lang} block without "
                            "<!-- doc-test: skip REASON -->: make it a ```console block")
    sandbox = sandbox_for(source, magicc)
    try:
        private_tmp = os.path.join(sandbox, "tmp")
        cwd = os.path.join(sandbox, "repo")
        env = dict(os.environ)
        env.update(PATH=os.path.join(cwd, "build", "bin") + os.pathsep + env.get("PATH", ""),
                   TMPDIR=private_tmp, HOME=os.path.join(sandbox, "home"), NO_COLOR="1",
                   LC_ALL="C.UTF-8")
        os.makedirs(env["HOME"])
        state = os.path.join(sandbox, "session")
        ran = 0
        for b in found:
            if b.lang != "console" or b.skip:
                continue
            for number, cmd, expected in commands(b):
                m = EXIT.search(cmd.split("\n")[-1])
                want_status = int(m.group(1)) if m else 0
                script = (cmd.replace("/tmp/", private_tmp + "/") +
                          f"\n__status=$?\npwd > {state}.cwd\nenv -0 > {state}.env\n"
                          "exit $__status\n")
                started = time.monotonic()
                try:
                    p = subprocess.run(["bash", "-c", script], cwd=cwd, env=env,
                                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, timeout=TIMEOUT)
                    output, status = p.stdout.decode("utf-8", "replace"), p.returncode
                except subprocess.TimeoutExpired:
                    output, status = f"(timed out after {TIMEOUT}s)", None
                ran += 1
                if verbose:
                    print(f"{rel}:{number}: {time.monotonic() - started:.2f}s $ {cmd}")
                if os.path.exists(state + ".cwd"):
                    with open(state + ".cwd") as f:
                        cwd = f.read().strip()
                    with open(state + ".env", "rb") as f:
                        env = dict(
                            kv.decode().split("=", 1) for kv in f.read().split(b"\0") if b"=" in kv)
                    os.remove(state + ".cwd")
                want = normalise(expected)
                got = normalise(output.split("\n"), sandbox)
                problems = []
                if status != want_status:
                    problems.append(f"exit status {status}, documented {want_status}")
                if not matches(want, got):
                    diff = difflib.unified_diff(want, got, "documented", "actual", lineterm="")
                    problems.append("output differs (after normalisation):\n" + "\n".join(diff))
                if problems:
                    failures.append(f"{rel}:{number}: $ {cmd}\n  " + "\n  ".join(problems))
        print(f"{rel}: {ran} commands run")
    finally:
        shutil.rmtree(sandbox, ignore_errors=True)
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--magicc", required=True)
    parser.add_argument("--source", required=True, help="the repository root")
    parser.add_argument("-v", "--verbose", action="store_true", help="each command and its time")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    files = args.files or [os.path.join(args.source, "README.md"),
                           os.path.join(args.source, "docs", "tutorial.md")]
    failures = []
    for path in files:
        failures += run_file(os.path.abspath(path), os.path.abspath(args.source), args.magicc,
                             args.verbose)
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{len(failures)} failures" if failures else "all documented commands match")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
