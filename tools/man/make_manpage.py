#!/usr/bin/env python3
"""Writes magicc.1 with help2man: the top-level --help, then every command's
own help as a COMMANDS section, so the man page says what `magicc help CMD`
says. Usage: make_manpage.py MAGICC STATIC.h2m OUTPUT"""
import re
import subprocess
import sys
import tempfile


def roff(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + text if text[:1] in (".", "'") else text


def commands(magicc):
    out = subprocess.run([magicc, "help"], capture_output=True, text=True, check=True).stdout
    names, inside = [], False
    for line in out.splitlines():
        if line.startswith("Subcommands:"):
            inside = True
        elif inside and line.startswith("  "):
            name = line.split()[0]
            if name != "help":
                names.append(name)
        elif inside and line.strip():
            inside = False
    return names


def section(magicc, name):
    text = subprocess.run([magicc, "help", name], capture_output=True, text=True,
                          check=True).stdout
    lines = text.splitlines()
    out = [".SS \"magicc %s\"" % name, roff(lines[0])]
    for line in lines[1:]:
        if line.startswith("Usage:"):
            out += [".PP", ".B " + roff(line[len("Usage: "):])]
        elif re.match(r"^[A-Z][A-Za-z ]*:$", line):
            out += [".PP", roff(line)]
        elif line.startswith("Exit status:"):
            continue  # said once, in EXIT STATUS
        elif line.startswith("   "):  # the description under a long option
            out.append(roff(line.strip()))
        elif line.startswith("  "):
            m = re.match(r"^  (\S.*?)(?:\s{2,}(.*))?$", line)
            out += [".TP", "\\fB" + roff(m.group(1)) + "\\fR"]
            if m.group(2):
                out.append(roff(m.group(2)))
        elif line.strip():
            out.append(roff(line))
    return out


def main():
    magicc, static, output = sys.argv[1:4]
    include = ["[COMMANDS]"]
    for name in commands(magicc):
        include += section(magicc, name)
    include.append(open(static).read())
    version = subprocess.run([magicc, "--version"], capture_output=True, text=True,
                             check=True).stdout.splitlines()[0]
    with tempfile.NamedTemporaryFile("w", suffix=".h2m", delete=False) as f:
        f.write("\n".join(include) + "\n")
    subprocess.run(["help2man", "--no-info", "--no-discard-stderr",
                    "--name", "compile, plan and run magic programs",
                    "--version-string", version.split()[-1],
                    "--include", f.name, "--output", output, magicc], check=True)


if __name__ == "__main__":
    main()
