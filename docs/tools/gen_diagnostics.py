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
    ("InvalidUtf8", "A byte sequence that is not UTF-8, anywhere in the file.",
     b'item a { run: "caf\xe9" }\n'),
    ("NulByte", "A NUL byte in the file.", b'item a {\x00}\n'),
    ("UnexpectedChar", "A character that starts no token.", "item a @ {}\n"),
    ("UnterminatedString", "A string literal without its closing quote on the same line.",
     'item a { run: "echo hi }\n'),
    ("UnterminatedMultilineString", "A `\"\"\"` string never closed; it runs to the end of "
     "the file, and the error is at its opening quotes.",
     'resource file f {\n  path: "/etc/motd"\n  content: """\n    hello\n}\n'),
    ("BadNumber", "Digits followed by letters that are not a duration unit.",
     "item a { timeout: 10sec }\n"),
    ("IntegerTooLarge", "An integer or duration that does not fit 64 bits.",
     "item a { retries: 99999999999999999999 }\n"),
    ("BadEscape", "An escape other than \\\", \\\\, \\n, \\t.", 'item a { run: "a\\qb" }\n'),
    ("LoneDollar", "A `$name` in a string that is not a command, where nothing would expand it.",
     'resource file f { path: "$HOME/x", content: "" }\n'),
    ("ShellVariableNamesValue",
     "A `$name` in a command where `name` is a param, `each` or `host.*`: a forgotten `{...}`. "
     "(A `$name` that names none of these is the shell's variable and passes through.)",
     'param user: string = "ann"\nitem a { run: "echo $user $HOME" }\n'),
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
    ("WordOperator", "`and`, `or` or `not` in a condition; a fix-it writes `&`, `|` or `!`.",
     "item a { if: os.debian and web }\n"),
    ("MissingComma", "Two list elements (or two `depends` names) without the comma between them.",
     "item a {}\nitem b {}\nitem c { depends: [a b] }\n"),
    ("UnquotedString", "A field's value written as words without quotes.",
     "item a { run: echo hi }\n"),
    ("UnknownField", "A field the block does not accept, with a suggestion.",
     "item a { dependz: b }\n"),
    ("DuplicateField", "A field given twice, with a note at the first.",
     'item a {\n  run: "x"\n  run: "y"\n}\n'),
    ("ConditionNotValue", "A condition where a value belongs.", "item a { depends: b & c }\n"),
    ("ValueNotCondition", "A value where a condition belongs (a quoted tag such as `\"web-servers\"` is a "
     "condition; a number or a list is not).", 'item a { if: 42 }\n'),
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
    # Semantic analysis.
    ("Redefinition", "A name declared twice in the same namespace (items and resources share one).",
     "item a {}\nresource noop a {}\n"),
    ("PreviousDefinition", "(note) The first definition of a redefined name.", None),
    ("UnknownName", "A reference to nothing, with a suggestion.",
     "item get_up {}\nitem coffee { depends: get_pu }\n"),
    ("UnknownKind", "A resource of an unknown kind.", 'resource fiel f { path: "/x" }\n'),
    ("UnknownKindField", "A field the resource's kind does not have.",
     'resource file f { path: "/x", contnet: "hi" }\n'),
    ("FieldNotAResource", "A send/recv end that is an item.",
     'item a {}\nresource file f { path: "/x" }\na.out -> f.content\n'),
    ("TypeMismatch", "A value of the wrong type.", 'item a { retries: "3" }\n'),
    ("NotAnEnumValue", "A string that is not one of an enum's values.",
     'resource svc web { name: "nginx", state: "runing" }\n'),
    ("MissingRequiredField", "A required input (no default) neither set nor received.",
     "resource file f { mode: \"0600\" }\n"),
    ("OutputFieldSet", "An output field set by the program.",
     'resource file f { path: "/x", checksum: "abc" }\n'),
    ("ValueOutOfRange", "A number outside what the field allows.",
     'pipeline p() { stage s { run: "x", batch: 0 } }\n'),
    ("StageActionCount", "A stage without, or with more than one of, run:, call:, apply:.",
     'pipeline p() { stage s { run: "x", call: "a.B" } }\n'),
    ("ArgsWithoutCall", "args: on a stage that does not call:.",
     'pipeline p() { stage s { run: "x", args: { a: 1 } } }\n'),
    ("MatchesOnNonString", "matches on a param that is not a string.", 'param n: int matches "^1"\n'),
    ("BadRegex", "A matches regex RE2 cannot compile.", 'param n: string matches "([a-z"\n'),
    ("DefaultDoesNotMatch", "A default that fails its own regex.",
     'param v: string matches "^[0-9]+$" = "latest"\n'),
    ("DefaultNotLiteral", "A param default that refers to another param.",
     'param a: string = "x"\nparam b: string = a\n'),
    ("InterpolatedNotScalar", "A list or map interpolated into a string.",
     'param services: list[string] = ["web"]\nitem a { run: "restart ${services}" }\n'),
    ("EmptyCommand", "A `run:` (or `exec`'s `cmd`) that is an empty string; and at `plan`, an "
     "item's or stage's `run:` that its values leave blank (`run: cmd` with `-D cmd=`).",
     'item a { run: "" }\n'),
    ("PathNotAbsolute", "A file resource's literal `path` that does not start with `/` (a value "
     "from a param is checked by `plan`: BadFileFieldValue).",
     'resource file f { path: "etc/motd", content: "hi" }\n'),
    ("BadFileMode", "A file resource's literal `mode` that is not 3 or 4 octal digits "
     "(`\"0999\"`, `\"u=rw\"`).",
     'resource file f { path: "/etc/motd", content: "hi", mode: "u=rw" }\n'),
    ("FieldHere", "(note) Where a kind declares the field in question.", None),
    ("SendFromInput", "The left side of a send is an input.",
     'resource file a { path: "/a" }\nresource file b { path: "/b" }\na.path -> b.content\n'),
    ("SendToOutput", "The right side of a send is an output.",
     'resource password p {}\nresource file f { path: "/f" }\np.value -> f.checksum\n'),
    ("SendTypeMismatch", "Sender and receiver types differ.",
     'resource exec e { cmd: "true" }\nresource file f { path: "/f" }\ne.exit_code -> f.content\n'),
    ("SecretIntoNonSecret", "A secret output sent into a non-secret input.",
     'resource password p {}\nresource exec e { cmd: "true" }\np.value -> e.cmd\n'),
    ("MultipleSenders", "An input with two senders.",
     'resource password p {}\nresource password q {}\nresource file f { path: "/f" }\n'
     'p.value -> f.content\nq.value -> f.content\n'),
    ("SentAndSet", "An input both set literally and received.",
     'resource password p {}\nresource file f { path: "/f", content: "x" }\np.value -> f.content\n'),
    ("SenderHere", "(note) The other source of a value.", None),
    ("SecretIntoField", "A secret param, by bare name, into a non-secret field.",
     'param token: secret\nresource file f { path: "/f", mode: token }\n'),
    ("NotAResource", "An item where only resources are allowed (apply:).",
     'item warm {}\npipeline p() { stage s { apply: [warm] } }\n'),
    ("RefreshIntoItem", "`~>` into an item, which runs on every run; the fix-it is `->`, or make "
     "it an `exec` resource with `refresh_only: true`.",
     'resource file conf { path: "/etc/app.conf", content: "x" }\nitem reload { run: "reload" }\n'
     'conf ~> reload\n'),
    ("SecretInterpolated", "A secret interpolated into a command or a non-secret field.",
     'param token: secret\nitem deploy { run: "deploy --token ${token}" }\n'),
    ("UnknownInterpolation", "${name} naming nothing known here.",
     'param version: string\nitem a { run: "install ${versoin}" }\n'),
    ("UnknownHostAttribute", "${host.X} with an unknown X.", 'item a { run: "ping ${host.adress}" }\n'),
    ("EachWithoutForeach", "${each} in a stage without foreach:.",
     'pipeline p() { stage s { run: "restart ${each}" } }\n'),
    ("KindInterpolationNotField", "A kind's check:/apply: interpolating something not its field.",
     'kind k { in name: string\n  check: "test ${nmae}" }\n'),
    ("FileFromNotReadable", "A file's `source:` or `template:` that cannot be read (the path is "
     "relative to the program that declares the resource).",
     'resource file f { path: "/etc/app.conf", source: "files/app.conf" }\n'),
    ("FileFromNotLiteral", "A `source:` or `template:` path with `${...}`: the file is read when "
     "the program is checked, before any value is known.",
     'param env: string = "prod"\nresource file f { path: "/etc/app.conf", source: "${env}.conf" }\n'),
    ("FileContentConflict", "A file's content given two ways: two of `content:`, `source:`, "
     "`template:`, or one of them and a value sent into `content`.",
     'resource file f { path: "/etc/app.conf", content: "x", source: "app.conf" }\n'),
    ("DependencyCycle", "Ordering edges that form a cycle; the path, with a note per edge.",
     "item a { depends: c }\nitem b { depends: a }\nitem c { depends: b }\n"),
    ("CycleEdge", "(note) One edge of a dependency cycle.", None),
    ("InventoryNotReadable", "An inventory file that cannot be read.", "item a {}\n"),
    ("InventoryError", "A YAML inventory that does not parse, or is not shaped as Ansible's.",
     "item a {}\n"),
    ("BadDefine", "A -D without '='.", "pipeline p(revision: int) { stage s { run: \"x\" } }\n"),
    ("UnknownDefine", "A -D naming no param.", "pipeline p(revision: int) { stage s { run: \"x\" } }\n"),
    ("MissingParams", "Params without a value, all named, when there is no terminal to ask on.",
     "pipeline p(revision: int, name: string) { stage s { run: \"x\" } }\n"),
    ("BadParamValue", "A param value of the wrong type, or one that is not UTF-8 text (values "
     "travel in plans, the journal and events, which are JSON; a secret param may hold any "
     "bytes): `-D name=$'\\xff'` gives `param 'name' expects UTF-8 text, found '\\xff'`.",
     "pipeline p(revision: int) { stage s { run: \"x\" } }\n"),
    ("BadDefineReference", "A -D value reference (`@env:VAR`, `@file:PATH`, `@-`) that "
     "gives nothing: an unset variable, an unreadable file, a second `@-`, an unknown `@...`.",
     "pipeline p(token: secret) { stage s { run: \"x\" } }\n"),
    ("ParamDoesNotMatch", "A param value that fails its `matches`.",
     'pipeline p(revision: int, name: string matches "^[a-z]+$") { stage s { run: "x" } }\n'),
    ("VarsFileNotReadable", "A vars file (`-D @FILE`) that cannot be read.",
     "pipeline p(revision: int) { stage s { run: \"x\" } }\n"),
    ("VarsFileError", "A vars file that is not YAML, or not a mapping of names to values.",
     "pipeline p(revision: int) { stage s { run: \"x\" } }\n"),
    ("UnknownVarsName", "A vars file's entry that names no param of the program, at the entry.",
     "pipeline p(revision: int) { stage s { run: \"x\" } }\n"),
    ("NoHostsMatch", "--hosts selects no host.", "item a {}\n"),
    ("LimitMatchesNoHost", "--limit leaves no host to target (Ansible: \"no hosts matched\"): "
     "its pattern matches no inventory host, or none that --hosts selects.", "item a {}\n"),
    ("BadHostPattern", "--limit is no host pattern: a bad regular expression (`~...`), or a "
     "subscript past the end of its term's hosts (`web[9]`).", "item a {}\n"),
    ("LimitTermUnmatched", "(warning) a term of --limit matches no host and no group, as Ansible "
     "warns: often a typo; the rest of the pattern still applies.", "item a {}\n"),
    ("UnknownPipeline", "plan names no pipeline of the program.",
     "pipeline release() { stage s { run: \"x\" } }\n"),
    ("NoPipelineNamed", "plan or run names no pipeline, and the program has nothing else to "
     "run: without this, it would run nothing and succeed.",
     "pipeline release() { stage s { run: \"x\" } }\n"),
    ("StageHasNoHosts", "A stage whose on: matches no host: its when_empty message, unless "
     "allow_empty: true.",
     'pipeline p(revision: int) {\n  stage s { on: web, when_empty: "No web servers found", run: "x" }\n}\n'),
    ("StagesWithoutPipeline", "`--stage` or `--start-at-stage` without a pipeline to take the "
     "stages from.", "item a {}\n"),
    ("UnknownStage", "`--stage` or `--start-at-stage` names no stage of the pipeline; a note "
     "points at the pipeline.",
     'pipeline release() {\n  stage build { run: "make" }\n  stage deploy { run: "ship" }\n}\n'),
    ("SkippedStageNeeded", "A selected stage applies a resource that receives a value from, or "
     "is ordered after, a resource only a left-out stage applies. Select that stage too.",
     'resource password pw { length: 16 }\nresource file pw_file { path: "/etc/app/pw" }\n'
     'pw.value -> pw_file.content\npipeline p() {\n  stage secrets { apply: [pw] }\n'
     '  stage files { apply: [pw_file] }\n}\n'),
    ("BadDurationField", "A duration field (`timeout`, `retry_delay`) whose param value is not "
     "a duration. Duration params are checked when their value is given (BadParamValue), so "
     "this guards values that reach a field another way.", None),
    ("CountFieldOutOfRange", "A count field (`retries`, `batch`, `concurrency`, `per_host`) whose "
     "param value is out of range; a literal is checked by `check` (ValueOutOfRange).",
     "pipeline p(n: int) { stage s { run: \"x\", concurrency: n } }\n"),
    ("BadShareField", "A `max_fail` whose param value is neither a count nor a percentage.",
     "pipeline p(n: int) { stage s { run: \"x\", max_fail: n } }\n"),
    ("PasswordLengthOutOfRange", "`magicc run`: a password shorter than 8 (guessable, and too "
     "short to redact from output) or longer than 4096.",
     "resource password p { length: 4 }\n"),
    ("BadFileFieldValue", "`magicc plan`/`run`: a file resource's `path` or `mode` from a param "
     "that the host would refuse (a relative path, a mode that is not octal).",
     'param dir: string = "tmp"\nresource file f { path: "${dir}/x", content: "" }\n'),
    ("MissingHostVar", "`magicc plan`/`run`: a command uses `${host.vars.K}` and a target host has no "
     "var `K`; nothing runs.",
     'item a { run: "echo ${host.vars.rack}" }\n'),
    ("CallNeedsAgent", "`magicc run`: a stage with `call:` on a host reached without its agent.",
     'pipeline p() { stage s { call: "restart" } }\n'),
    ("JitUnavailable", "`--jit on` in a build without the condition JIT, or when its module "
     "cannot be loaded; the message says why (`--jit auto` falls back to the interpreter).", None),
    ("NestedShellInterpolation", "(warning) `${...}` inside a double-quoted `sh -c \"...\"`: "
     "the nested shell would parse the value as code.",
     'param name: string\nitem a { run: "sh -c \\"echo ${name}\\"" }\n'),
    ("MixedAndOr", "(warning) `&` and `|` mixed without parentheses; make-magic read them the "
     "other way round. A fix-it adds the parentheses.",
     "item a { if: os.debian & web | db }\n"),
    ("LostOrdering", "(warning) `plan`/`run`: two kept nodes were ordered only through a "
     "filtered one, whose edges make-magic's rule drops; they now run unordered. Add the edge "
     "itself to keep the order.",
     "item base {}\nitem tools { if: os.rhel5, depends: base }\nitem backup { depends: tools }\n"),
]


# Kinds reported by `magicc plan` or `magicc run`: the command line, and extra files.
PLAN_ARGS = {
    "InventoryNotReadable": (["plan", "example.mm", "-i", "hosts.yaml"], {}),
    "LostOrdering": (["plan", "example.mm"], {}),
    "InventoryError": (["plan", "example.mm", "-i", "hosts.yaml"],
                       {"hosts.yaml": "all:\n  children:\n    web:\n      hosts: [w1, w2]\n"}),
    "BadDefine": (["plan", "example.mm", "p", "-D", "revision"], {}),
    "UnknownDefine": (["plan", "example.mm", "p", "-D", "revison=3"], {}),
    "MissingParams": (["plan", "example.mm", "p"], {}),
    "BadParamValue": (["plan", "example.mm", "p", "-D", "revision=tip"], {}),
    "BadDefineReference": (["plan", "example.mm", "p", "-D", "token=@env:DEPLOY_TOKEN"], {}),
    "ParamDoesNotMatch": (["plan", "example.mm", "p", "-D", "revision=1", "-D", "name=Prod"], {}),
    "VarsFileNotReadable": (["plan", "example.mm", "p", "-D", "@vars.yml"], {}),
    "VarsFileError": (["plan", "example.mm", "p", "-D", "@vars.yml"],
                      {"vars.yml": "- revision\n- 3\n"}),
    "UnknownVarsName": (["plan", "example.mm", "p", "-D", "@vars.yml"],
                        {"vars.yml": "revison: 3\n"}),
    "NoHostsMatch": (["plan", "example.mm", "-i", "hosts.yaml", "--hosts", "db"],
                     {"hosts.yaml": "all:\n  hosts: { w1: {} }\n"}),
    "LimitMatchesNoHost": (["plan", "example.mm", "-i", "hosts.yaml", "--limit", "db*"],
                           {"hosts.yaml": "all:\n  hosts: { w1: {} }\n"}),
    "BadHostPattern": (["plan", "example.mm", "-i", "hosts.yaml", "--limit", "~w(1"],
                       {"hosts.yaml": "all:\n  hosts: { w1: {} }\n"}),
    "LimitTermUnmatched": (["plan", "example.mm", "-i", "hosts.yaml", "--limit", "w1:w2"],
                           {"hosts.yaml": "all:\n  hosts: { w1: {} }\n"}),
    "UnknownPipeline": (["plan", "example.mm", "relase"], {}),
    "NoPipelineNamed": (["plan", "example.mm"], {}),
    "StageHasNoHosts": (["plan", "example.mm", "p", "-D", "revision=1"], {}),
    "StagesWithoutPipeline": (["plan", "example.mm", "--stage", "deploy"], {}),
    "UnknownStage": (["plan", "example.mm", "release", "--stage", "deplyo"], {}),
    "SkippedStageNeeded": (["plan", "example.mm", "p", "--stage", "files"], {}),
    "CountFieldOutOfRange": (["plan", "example.mm", "p", "-D", "n=0"], {}),
    "BadShareField": (["plan", "example.mm", "p", "-D", "n=-1"], {}),
    "PasswordLengthOutOfRange": (["run", "example.mm"], {}),
    "MissingHostVar": (["plan", "example.mm", "-i", "hosts.yaml", "--hosts", "web"],
                       {"hosts.yaml": "all:\n  children:\n    web:\n      hosts: { w1: {} }\n"}),
    "CallNeedsAgent": (["run", "example.mm", "p"], {}),
    "BadFileFieldValue": (["plan", "example.mm"], {}),
}


def run(magicc, program, kind=None):
    data = program if isinstance(program, bytes) else program.encode()
    args, files = PLAN_ARGS.get(kind, (["check", "example.mm"], {}))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "example.mm")
        with open(path, "wb") as f:
            f.write(data)
        for name, content in files.items():
            with open(os.path.join(tmp, name), "w") as f:
                f.write(content)
        out = subprocess.run([magicc] + args + ["--color", "never"], cwd=tmp,
                             capture_output=True, text=True, errors="replace", stdin=subprocess.DEVNULL)
    shown = "$ magicc " + " ".join(args) + "\n" if kind in PLAN_ARGS else ""
    return shown + out.stderr


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
            shown = shown.replace("\x00", "<NUL>")
            if len(shown) > 200:
                shown = shown[:60] + " ...\n"
            print("```\n" + shown.rstrip("\n") + "\n```\n")
            print("```\n" + run(magicc, program, kind).rstrip("\n") + "\n```\n")


if __name__ == "__main__":
    main()
