#!/bin/sh
# ctest editors.neovim: headless Neovim (Debian's 0.7) with its built-in LSP
# client against magicc lsp.  run.sh MAGICC EXAMPLES_DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# coffee.mm with a misspelt dependency.
sed 's/depends: make_coffee }/depends: make_cofee }/' "$2/coffee.mm" > "$tmp/coffee.mm"
grep -q make_cofee "$tmp/coffee.mm"
export MAGICC="$1" PROGRAM="$tmp/coffee.mm" HOME="$tmp" XDG_CONFIG_HOME="$tmp" XDG_DATA_HOME="$tmp" XDG_STATE_HOME="$tmp"
out=$(timeout 30 nvim --headless -u NONE -i NONE --cmd "set rtp^=$here/.." -c "luafile $here/lsp_test.lua" 2>&1) || {
  echo "$out"
  exit 1
}
echo "$out"
echo "$out" | grep -q '^ok: definition'
