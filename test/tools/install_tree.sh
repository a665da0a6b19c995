#!/bin/sh
# cmake --install puts a working magicc under a prefix: the binary finds its
# JIT module there (also after the tree is moved), and the man page and the
# completions are where man, bash, zsh and fish look.
# Usage: install_tree.sh BUILD_DIR EXAMPLES_DIR
set -eu
build=$1 examples=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
prefix=$dir/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
fail() { echo "install_tree: $*" >&2; exit 1; }
for f in bin/magicc lib/magicc/libmagicc-jit.so share/magicc/stdlib/core.mm \
         share/man/man1/magicc.1 share/bash-completion/completions/magicc \
         share/zsh/site-functions/_magicc share/fish/vendor_completions.d/magicc.fish; do
  test -s "$prefix/$f" || fail "missing $f"
done

# The installed magicc loads the installed JIT, from wherever the tree is.
jit_of() {
  "$1/bin/magicc" --version | grep -qx "jit module: $1/lib/magicc/libmagicc-jit.so" ||
    fail "$1/bin/magicc loads another JIT: $("$1/bin/magicc" --version | tail -1)"
  "$1/bin/magicc" plan --jit on --stats -i "$examples/inventory.yaml" "$examples/provision.mm" |
    grep -q "engine: jit" || fail "$1/bin/magicc does not compile conditions"
}
jit_of "$prefix"
mv "$prefix" "$dir/moved"
jit_of "$dir/moved"
prefix=$dir/moved

# The man page has every command's options; the completions load.
grep -q '^\.SS "magicc run"' "$prefix/share/man/man1/magicc.1" || fail "no run in the man page"
grep -q '^\.TH MAGICC "1"' "$prefix/share/man/man1/magicc.1" || fail "the man page has no title"
bash -c ". '$prefix/share/bash-completion/completions/magicc' && complete -p magicc" >/dev/null ||
  fail "bash does not load the completion"
zsh -n "$prefix/share/zsh/site-functions/_magicc" || fail "zsh cannot read the completion"
fish -c "source '$prefix/share/fish/vendor_completions.d/magicc.fish'; complete -C 'magicc comp'" |
  grep -q '^completion' || fail "fish does not complete magicc"
echo "install_tree: ok"
