#!/usr/bin/env python3
"""Regenerates docs/diagnostics.md: every diagnostic kind with an example.

Each example is a small program run through `magicc check`; the output in the
document is what magicc really prints. Run after adding a diagnostic:
    python3 docs/tools/gen_diagnostics.py build/bin/magicc > docs/diagnostics.md
test/unit/diagnostics_doc_test.cpp fails when a kind is missing here.
"""
import os
import re
import subprocess
import sys
import tempfile

# kind -> (what it means, example program or None for kinds without a snippet)
EXAMPLES = [
    ("FileNotReadable", "The file given on the command line cannot be read.", None),
    ("ImportNotFound", "An imported file does not exist or cannot be read.",
     'import "no/such/file.mm"\n'),
    ("ImportCycleIgnored", "(note, reserved) A file imported again while being loaded.", None),
    ("InvalidUtf8", "A byte sequence that is not UTF-8, anywhere in the file.",
     b'item a { run: "caf\xe9" }\n'),
    ("NulByte", "A NUL byte in the file.", b'item a {\x00}\n'),
    ("FileTooLarge", "(reserved) A file over 4 GiB.", None),
    ("UnexpectedChar", "A character that starts no token.", "item a @ {}\n"),
    ("UnterminatedString", "A string literal without its closing quote on the same line.",
     'item a { run: "echo hi }\n'),
    ("BadNumber", "Digits followed by letters that are not a duration unit.",
     "item a { timeout: 10sec }\n"),
    ("IntegerTooLarge", "An integer or duration that does not fit 64 bits.",
     "item a { retries: 99999999999999999999 }\n"),
    ("BadEscape", "An escape other than \\\", \\\\, \\n, \\t.", 'item a { run: "a\\qb" }\n'),
    ("LoneDollar", "A `$name` in a string: a forgotten `{...}` or a shell variable.",
     'item a { run: "echo $HOME" }\n'),
    ("UnterminatedInterpolation", "A `${` without its `}`.", 'item a { run: "echo ${name" }\n'),
    ("BadInterpolation", "Something other than a dotted name inside `${...}`.",
     'item a { run: "echo ${a b}" }\n'),
    ("NestingTooDeep", "Brackets or `!` nested more than 256 deep.",
     "item a { if: " + "(" * 300 + "x" + ")" * 300 + " }\n"),
    ("ExpectedDeclaration", "A token that cannot start a declaration.", "item a {}\n}\n"),
    ("UnknownDeclaration", "A misspelled declaration keyword.", "itme a {}\n"),
    ("ExpectedToken", "A token that does not fit, with what would.",
     "pipeline p(a: int b: int) {}\n"),
    ("ExpectedColonAfterField", "A field name not followed by `:`.",
     "item a {\n  depends get_up\n}\n"),
    ("ExpectedValue", "A field with no value.", "item a { run: }\n"),
    ("ExpectedName", "A declaration without its name.", "item { run: \"x\" }\n"),
    ("KeywordAsName", "A keyword where a name belongs.", "item host {}\n"),
    ("ExpectedFieldOrClose", "Something other than a field inside a block.",
     'item a { "run" }\n'),
    ("MissingClose", "A bracket never closed, with a note at the opener.",
     'item a {\n  run: "x"\nitem b {}\n'),
    ("ExpectedType", "A param or field without a type.", "param p: = 3\n"),
    ("ExpectedEdgeArrow", "A name at the top level not followed by an arrow.", "a => b\n"),
    ("ExpectedOperand", "An operator without its right-hand side.", "item a { if: os.debian & }\n"),
    ("UnexpectedToken", "A token that fits nowhere and was skipped.", "item a { if: x ] }\n"),
    ("StageOutsidePipeline", "A stage at the top level.", 'stage s { run: "x" }\n'),
    ("FatArrow", "`=>` where an arrow belongs; parsed as `->`.", "a => b\n"),
    ("UnknownField", "A field the block does not accept, with a suggestion.",
     "item a { dependz: b }\n"),
    ("DuplicateField", "A field given twice, with a note at the first.",
     'item a {\n  run: "x"\n  run: "y"\n}\n'),
    ("ConditionNotValue", "A condition where a value belongs.", "item a { depends: b & c }\n"),
    ("ValueNotCondition", "A value where a condition belongs.", 'item a { if: "debian" }\n'),
    ("CompareNeedsTag", "The left side of `==` is not a host var name.",
     'item a { if: "x" == "y" }\n'),
    ("CompareNeedsString", "The right side of `==` is not a string or `$param`.",
     "item a { if: cluster == alfa }\n"),
    ("EdgeFieldOnOrdering", "A field on only one end of an edge.", "a.value -> b\n"),
    ("RefreshFieldEdge", "Fields on a refresh edge.", "a.value ~> b.content\n"),
    ("BadTypeName", "(semantic analysis) An unknown type name.", None),
    ("TypeTakesArgument", "`list` or `map` without an element type.", "param p: list\n"),
    ("TypeTakesNoArgument", "An element type on a type that takes none.", "param p: int[string]\n"),
    ("ParenthesisHere", "(note) Where an unclosed bracket was opened.", None),
    ("DeclaredHere", "(note) Where something was first declared.", None),
]


def run(magicc, program):
    data = program if isinstance(program, bytes) else program.encode()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "example.mm")
        with open(path, "wb") as f:
            f.write(data)
        out = subprocess.run([magicc, "check", "--color", "never", "example.mm"], cwd=tmp,
                             capture_output=True, text=True, errors="replace")
    return out.stderr


def main():
    magicc = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/bin/magicc")
    print("# Diagnostics\n")
    print("Every diagnostic magicc prints, by kind (the `kind` field of "
          "`--diagnostics-format json`). Generated by `docs/tools/gen_diagnostics.py` from "
          "`compiler/diag/DiagnosticKinds.def` and real runs of `magicc check`.\n")
    print("Exit status: 0 clean, 1 errors in the program, 2 usage or I/O errors. "
          "Warnings never fail `check` unless `--Werror` is given.\n")
    for kind, meaning, program in EXAMPLES:
        print(f"## {kind}\n\n{meaning}\n")
        if program is not None:
            shown = program if isinstance(program, str) else program.decode("utf-8", "replace")
            if len(shown) > 200:
                shown = shown[:60] + " ...\n"
            print("```\n" + shown.rstrip("\n") + "\n```\n")
            print("```\n" + run(magicc, program).rstrip("\n") + "\n```\n")


if __name__ == "__main__":
    main()
