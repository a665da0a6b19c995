#!/usr/bin/env bash
# The runtime against make and ninja on the same DAG, in the same script:
# 2000 `true` commands in layers of 100 (each node after up to two of the
# layer before), -j2; then 100k items with no command (engine overhead per
# item, journal included). Median of RUNS wall times each; the DAG's runs
# interleaved (make, ninja, magicc, xargs; again).
# Usage: bench/run_bench.sh (env: MAGICC, NODES, RUNS, BIG)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
magicc=${MAGICC:-$root/build/bin/magicc}
runs=${RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$root/bench/gen_dag.py" --nodes "${NODES:-2000}" --command true --out "$tmp/dag"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Wall time of a command in seconds, N times: the median.
timed() {
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s.%N)
    "$@" > /dev/null 2>&1
    e=$(date +%s.%N)
    echo "$e - $s" | bc -l
  done | median
}

cd "$tmp/dag"
# One run of a command: its wall time in seconds.
once() {
  local s e
  s=$(date +%s.%N)
  "$@" > /dev/null 2>&1
  e=$(date +%s.%N)
  echo "$e - $s" | bc -l
}
# Interleaved, round by round: on a shared machine the load changes between
# rounds, and each tool gets its share of every round.
n=${NODES:-2000}
: > "$tmp/make" && : > "$tmp/ninja" && : > "$tmp/magicc" && : > "$tmp/xargs" && : > "$tmp/ratio"
for _ in $(seq "$runs"); do
  once make -s -j2 -f Makefile all >> "$tmp/make"
  once sh -c 'rm -f .ninja_log .ninja_deps; ninja -j2 -f build.ninja' >> "$tmp/ninja"
  once sh -c "rm -rf st; $magicc run dag.mm -j 2 --state st/state.db" >> "$tmp/magicc"
  # Another peer: the same number of `true` processes, two at a time, no DAG.
  once sh -c "seq $n | xargs -P2 -n1 true" >> "$tmp/xargs"
  echo "$(tail -1 "$tmp/magicc") / $(tail -1 "$tmp/make")" | bc -l >> "$tmp/ratio"
done
t_make=$(median < "$tmp/make")
t_ninja=$(median < "$tmp/ninja")
t_magicc=$(median < "$tmp/magicc")
t_floor=$(median < "$tmp/xargs")
r_round=$(median < "$tmp/ratio")
printf '%s `true` commands as a DAG, -j2, median of %s runs\n' "$n" "$runs"
printf '  make    %.3f s  (%.3f ms per command)\n' "$t_make" "$(echo "$t_make * 1000 / $n" | bc -l)"
printf '  ninja   %.3f s  (%.3f ms per command)\n' "$t_ninja" "$(echo "$t_ninja * 1000 / $n" | bc -l)"
printf '  xargs   %.3f s  (xargs -P2 -n1: %s `true` processes, two at a time, no DAG)\n' "$t_floor" "$n"
printf '  magicc  %.3f s  (%.3f ms per command; journal and audit log included)\n' "$t_magicc" "$(echo "$t_magicc * 1000 / $n" | bc -l)"
printf '  magicc/make = %.2f, magicc/ninja = %.2f; magicc/make in the same round: median %.2f\n' \
  "$(echo "$t_magicc / $t_make" | bc -l)" "$(echo "$t_magicc / $t_ninja" | bc -l)" "$r_round"

big=${BIG:-100000}
python3 "$root/bench/gen_dag.py" --nodes "$big" --width 1000 --command "" --out "$tmp/big"
cd "$tmp/big"
t_plan=$(timed "$magicc" plan dag.mm --stats)
t_run=$(timed sh -c "rm -rf st; $magicc run dag.mm --state st/state.db")
t_run_check=$(timed "$magicc" run dag.mm --check)
printf '%s items without a command, median of %s runs\n' "$big" "$runs"
printf '  magicc plan --stats   %.3f s (parse, check, plan)\n' "$t_plan"
printf '  magicc run --check    %.3f s (no journal): %.2f us per item beyond plan\n' "$t_run_check" \
  "$(echo "($t_run_check - $t_plan) * 1000000 / $big" | bc -l)"
printf '  magicc run            %.3f s (journal): %.2f us per item beyond plan\n' "$t_run" \
  "$(echo "($t_run - $t_plan) * 1000000 / $big" | bc -l)"
