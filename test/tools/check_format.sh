#!/bin/sh
# Fails when a C++ file of the tree differs from what the repo's
# .clang-format makes of it (Debian 12's clang-format 14, as setup.sh
# installs). Fix with: git ls-files '*.cpp' '*.h' | xargs clang-format -i
cd "$(dirname "$0")/../.." || exit 2
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  files=$(git ls-files '*.cpp' '*.h')
else
  files=$(find compiler runtime tools lsp test bench -name '*.cpp' -o -name '*.h')
fi
# shellcheck disable=SC2086
clang-format --dry-run -Werror $files
