#!/usr/bin/env bash
# Plans a fleet: 4000 items with random conditions over 64 tags, for 2000
# inventory hosts with random tags (`magicc plan --stats`), and reports the
# phase times and peak memory. Usage: bench/plan_bench.sh (env: MAGICC, ITEMS, HOSTS)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
magicc=${MAGICC:-$root/build/bin/magicc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$root/bench/gen_fleet.py" --items "${ITEMS:-4000}" --hosts "${HOSTS:-2000}" --out "$tmp"
for run in 1 2 3; do
  echo "== run $run"
  timeout 300 /usr/bin/time -f "wall: %e s, peak RSS: %M KB" \
    "$magicc" plan "$tmp/fleet.mm" -i "$tmp/hosts.yaml" --hosts true --stats
done
