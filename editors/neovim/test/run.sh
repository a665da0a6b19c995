#!/bin/sh
# ctest editors.neovim: headless Neovim (Debian's 0.7) with its built-in LSP
# client against magicc lsp, every feature once.  run.sh MAGICC
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$here/workspace/"* "$tmp/"
export MAGICC="$1" WORKSPACE="$tmp" HOME="$tmp" XDG_CONFIG_HOME="$tmp" XDG_DATA_HOME="$tmp" XDG_STATE_HOME="$tmp"
out=$(cd "$tmp" && timeout 60 nvim --headless -u NONE -i NONE --cmd "set rtp^=$here/.." -c "luafile $here/lsp_test.lua" 2>&1) || {
  echo "$out"
  exit 1
}
echo "$out"
echo "$out" | grep -q '^ok: rename'
