#!/usr/bin/env python3
"""check_layering.py SOURCE_ROOT

Fails when a library includes a library that its row in
docs/architecture.md's layering table does not list. The table has rows
`| `dir` | `dep`, `dep` |` between the lines <!-- layering --> and
<!-- /layering -->; a dir is a folder such as compiler/plan or
runtime/engine, and "—" lists nothing. Includes are read as written:
"phase/Header.h" names compiler/phase or runtime/phase (their names do not
collide), and "grammar/..." or generated parser headers name grammar."""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def library_dirs(root):
    dirs = {}
    for top in ("compiler", "runtime"):
        for name in sorted(os.listdir(os.path.join(root, top))):
            if os.path.isdir(os.path.join(root, top, name)):
                dirs[name] = f"{top}/{name}"
    return dirs


def read_table(root):
    text = open(os.path.join(root, "docs", "architecture.md")).read()
    m = re.search(r"<!-- layering -->(.*?)<!-- /layering -->", text, re.S)
    if not m:
        sys.exit("docs/architecture.md has no <!-- layering --> table")
    rows = {}
    for line in m.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not cells[0].startswith("`"):
            continue
        lib = cells[0].strip("`")
        rows[lib] = {d.strip().strip("`") for d in cells[1].split(",") if d.strip() not in ("", "—")}
    return rows


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    dirs = library_dirs(root)
    rows = read_table(root)
    problems = []
    for lib in sorted(set(dirs.values()) | {"tools/magicc", "lsp"}):
        if lib not in rows:
            problems.append(f"{lib}: no row in the layering table of docs/architecture.md")
            continue
        for base, _, files in os.walk(os.path.join(root, lib)):
            for f in files:
                if not f.endswith((".h", ".cpp", ".def")):
                    continue
                path = os.path.join(base, f)
                for inc in INCLUDE.findall(open(path, errors="replace").read()):
                    first = inc.split("/")[0]
                    target = (dirs.get(first) or ("lsp" if first == "lsp" else None)) if "/" in inc else None
                    if target is None or target == lib:
                        continue
                    if target not in rows[lib]:
                        rel = os.path.relpath(path, root)
                        problems.append(f"{rel}: includes \"{inc}\", but {lib} may include only "
                                        f"{', '.join(sorted(rows[lib])) or 'nothing'}")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} layering violations (docs/architecture.md lists what each library may include)")
        return 1
    print(f"{len(rows)} libraries include only what docs/architecture.md lists")
    return 0


if __name__ == "__main__":
    sys.exit(main())
