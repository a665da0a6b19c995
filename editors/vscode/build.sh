#!/usr/bin/env bash
# Builds and tests the VS Code extension in BUILD_DIR (never in the source
# tree): installs its npm packages there, checks the TextMate grammar with
# vscode-tmgrammar-test (the scope assertions in test/, and every example
# tokenised), and packages magic-lang.vsix with @vscode/vsce.
# Exits 77 (ctest's skip) only when the npm registry cannot be reached.
set -euo pipefail
SRC=$(cd "$(dirname "$0")" && pwd)
EXAMPLES=$(cd "$SRC/../../examples" && pwd)
OUT=${1:-${BUILD_DIR:-$PWD/vscode-build}}

if ! command -v npm >/dev/null; then
  echo "vscode: npm is not installed (setup.sh installs it)" >&2
  exit 1
fi
mkdir -p "$OUT"
# The extension's files (no node_modules) copied over the previous build.
cp "$SRC"/package.json "$SRC"/extension.js "$SRC"/language-configuration.json \
  "$SRC"/.vscodeignore "$SRC"/README.md "$OUT"/
rm -rf "$OUT/syntaxes" "$OUT/test"
cp -r "$SRC/syntaxes" "$SRC/test" "$OUT"/
cd "$OUT"
# npm packages: installed once per build directory.
if ! [ -d node_modules/@vscode/vsce ] || ! [ -d node_modules/vscode-tmgrammar-test ] ||
  ! [ -d node_modules/vscode-languageclient ]; then
  if ! timeout 30 npm ping >/dev/null 2>&1; then
    echo "vscode: the npm registry cannot be reached; skipped" >&2
    exit 77
  fi
  npm install --no-audit --no-fund --loglevel=error
fi

# Every example tokenised (a test file with no assertions fails only if
# the grammar does not load or tokenise), then the assertions.
mkdir -p test/examples
for f in "$EXAMPLES"/*.mm "$EXAMPLES"/lib/*.mm; do
  { echo '# SYNTAX TEST "source.magic" "'"$(basename "$f")"'"'; cat "$f"; } \
    >"test/examples/$(basename "$f" .mm).test.mm"
done
npx --no-install vscode-tmgrammar-test -g syntaxes/magic.tmLanguage.json 'test/**/*.test.mm'

npx --no-install vsce package --skip-license --allow-missing-repository -o magic-lang.vsix
# The listing is read whole: `grep -q` stopping early would break the pipe.
listing=$(python3 -m zipfile -l magic-lang.vsix)
grep -q 'extension/syntaxes/magic.tmLanguage.json' <<< "$listing"
grep -q 'extension/node_modules/vscode-languageclient/' <<< "$listing"
echo "vscode: built $OUT/magic-lang.vsix"
