#!/usr/bin/env bash
# Compile time of one long condition with each engine: an item whose `if:` has
# N distinct tags, for N in $SIZES, planned for one host. SHAPE=flat (default)
# is `t0 & t1 & ... `, one n-ary `&`; SHAPE=groups is `(t0 & !t1 ...) | (...)`,
# groups of 8. With linear code generation the JIT's compile time grows with
# N, not N^2 (docs/performance.md).
# Usage: bench/long_condition_bench.sh (env: MAGICC, SIZES="2000 4000 8000", SHAPE)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
magicc=${MAGICC:-$root/build/bin/magicc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'all:\n  hosts:\n    h1:\n' > "$tmp/hosts.yaml"
for n in ${SIZES:-2000 4000 8000}; do
  python3 - "$n" "${SHAPE:-flat}" > "$tmp/long.mm" <<'PY'
import sys
n, shape = int(sys.argv[1]), sys.argv[2]
if shape == "flat":
    cond = " & ".join("t%d" % i for i in range(n))
else:
    terms = [("!" if i % 5 == 4 else "") + "t%d" % i for i in range(n)]
    cond = " | ".join("(" + " & ".join(terms[i:i + 8]) + ")" for i in range(0, n, 8))
print("item a { if: " + cond + " }")
PY
  for jit in off on; do
    printf '%6d terms, --jit %-3s: ' "$n" "$jit"
    /usr/bin/time -f "%e s wall, %M KB" "$magicc" plan "$tmp/long.mm" -i "$tmp/hosts.yaml" \
      --hosts true --stats --jit "$jit" 2>&1 | grep -E "conditions|wall" | tr '\n' ' '
    echo
  done
done
