#!/usr/bin/env bash
# Plans a fleet: 4000 items with random conditions over 64 tags, for 2000
# inventory hosts with random tags (`magicc plan --stats`), with each
# condition engine in the same run, and reports phase times and peak memory.
# Usage: bench/plan_bench.sh (env: MAGICC, ITEMS, HOSTS, RUNS)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
magicc=${MAGICC:-$root/build/bin/magicc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$root/bench/gen_fleet.py" --items "${ITEMS:-4000}" --hosts "${HOSTS:-2000}" --out "$tmp"
for jit in off on auto; do
  for run in $(seq "${RUNS:-3}"); do
    echo "== --jit $jit, run $run"
    timeout 300 /usr/bin/time -f "wall: %e s, peak RSS: %M KB" \
      "$magicc" plan "$tmp/fleet.mm" -i "$tmp/hosts.yaml" --hosts true --stats --jit "$jit"
  done
done
