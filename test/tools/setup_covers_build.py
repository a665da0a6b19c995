#!/usr/bin/env python3
"""setup_covers_build.py BUILD_DIR SETUP_SCRIPT

Fails when the last Ninja build in BUILD_DIR used a Debian package that
SETUP_SCRIPT neither installs nor pulls in through the Depends of one it
installs: then a fresh Debian 12 machine could not build magicc, whatever a
machine set up by hand says. The build's inputs come from `ninja -t deps`
(headers) and build.ninja (libraries linked), their packages from `dpkg -S`.
Essential and required packages, and the compiler's own, count as present.
Exit 0: covered; 1: a package is missing (named); 2: cannot tell."""
import os
import re
import subprocess
import sys


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw).stdout


def setup_packages(path):
    """The words of the PACKAGES=( ... ) array in the setup script."""
    text = open(path).read()
    m = re.search(r"PACKAGES=\((.*?)\)", text, re.S)
    if not m:
        return set()
    body = "\n".join(line.split("#", 1)[0] for line in m.group(1).splitlines())
    return set(body.split())


def build_inputs(build):
    deps = run(["ninja", "-C", build, "-t", "deps"])
    files = {l.strip() for l in deps.splitlines() if l.startswith("    /usr/")}
    ninja_file = open(os.path.join(build, "build.ninja")).read()
    files |= {f for f in re.findall(r"/usr/lib/[^\s:$]+\.(?:so|a)(?:\.[0-9.]+)?", ninja_file)
              if os.path.exists(f)}
    return sorted(files)


def owners(files):
    used = set()
    for i in range(0, len(files), 400):
        for line in run(["dpkg", "-S"] + files[i:i + 400]).splitlines():
            if ": " not in line:
                continue
            for p in line.split(": ", 1)[0].split(","):
                used.add(p.strip().split(":")[0])
    return used


def closure(packages):
    if not packages:
        return set()
    out = run(["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests",
               "--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances", "--installed"]
              + sorted(packages))
    found = set(packages)
    for line in out.splitlines():
        if not line.startswith(" "):
            found.add(line.strip().split(":")[0])
        elif "Depends:" in line:
            found.add(line.split(":", 1)[1].strip().strip("<>").split(":")[0])
    return found


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    build, setup = sys.argv[1], sys.argv[2]
    if not os.path.exists(os.path.join(build, "build.ninja")):
        print(f"no Ninja build in {build}")
        return 2
    listed = setup_packages(setup)
    if not listed:
        print(f"{setup} has no PACKAGES=( ... ) list")
        return 2
    files = build_inputs(build)
    if not files:
        print("the build recorded no dependencies (build it with Ninja first)")
        return 2
    used = owners(files)
    installed = set(run(["dpkg-query", "-W", "-f", "${Package}\n"]).split())
    covered = closure(listed & installed)
    base = run(["dpkg-query", "-W", "-f", "${Package} ${Essential} ${Priority}\n"])
    covered |= {l.split()[0] for l in base.splitlines() if " yes " in l or l.endswith(" required")}
    covered |= closure({"g++", "build-essential"} & installed)
    missing = sorted(used - covered)
    if missing:
        print(f"the build uses Debian packages that {setup} does not install: {' '.join(missing)}")
        print("add them to its PACKAGES list (a fresh machine would fail to build)")
        return 1
    print(f"{setup} covers the {len(used)} Debian packages the build used ({len(files)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
