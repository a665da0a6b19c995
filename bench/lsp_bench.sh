#!/bin/sh
# magicc lsp on a generated 5,000-line program: diagnostics after an edit,
# completion and hover (p50/p99), memory over 10,000 edits.
#   LSP_BENCH=build/bench/lsp_bench bench/lsp_bench.sh
set -eu
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/gen_program.py" --items 1700 --seed 15 -o "$tmp/program.mm"
"${LSP_BENCH:?set LSP_BENCH to the lsp_bench binary}" "$tmp/program.mm"
