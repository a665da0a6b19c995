#!/usr/bin/env bash
# Benchmark `magicc check` on generated 10k and 100k item programs.
# For each size: median wall time over $RUNS runs (hyperfine if installed, else a
# date loop), peak RSS via /usr/bin/time -v, and as a peer the median time of
# loading the equivalent Ansible-style YAML with PyYAML's libyaml CSafeLoader.
# Usage: bench/check_bench.sh   (env: MAGICC=path, RUNS=5, SIZES="10000 100000")
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
magicc=${MAGICC:-$root/build/bin/magicc}
runs=${RUNS:-5}
sizes=${SIZES:-"10000 100000"}
limit=120   # seconds; any single command taking longer is killed

[[ -x $magicc ]] || { echo "magicc not found: $magicc (set MAGICC)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

peer_py='import yaml,sys; yaml.load(open(sys.argv[1]), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))'
python3 -c 'import yaml' 2>/dev/null || { echo "python3-yaml missing (apt-get install -y python3-yaml)" >&2; exit 2; }
python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null || echo "note: no libyaml; peer uses the pure-Python SafeLoader" >&2

# median_time CMD...: median wall seconds of $runs runs of CMD (after one warm-up)
median_time() {
  if command -v hyperfine >/dev/null; then
    hyperfine -N -w 1 -r "$runs" --export-json "$tmp/hf.json" -- "$(printf '%q ' "$@")" >/dev/null 2>&1
    python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$tmp/hf.json"
    return
  fi
  timeout "$limit" "$@" >/dev/null 2>&1 || true
  local ts=() t0 t1
  for ((i = 0; i < runs; i++)); do
    t0=$(date +%s.%N)
    timeout "$limit" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
    t1=$(date +%s.%N)
    ts+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
  done
  printf '%s\n' "${ts[@]}" | sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f\n", m}'
}

# peak_rss_mb CMD...: max resident set size of one run, in MB
peak_rss_mb() {
  timeout "$limit" /usr/bin/time -v "$@" 2>"$tmp/tv" >/dev/null || { cat "$tmp/tv" >&2; exit 1; }
  awk -F: '/Maximum resident set size/ {printf "%.1f\n", $2/1024}' "$tmp/tv"
}

echo "magicc: $magicc   runs: $runs   peer: python3 yaml.CSafeLoader"
printf '%-8s %-10s %-12s %-10s %-12s %-10s %-10s %-8s\n' \
  items mm_bytes magicc_s rss_MB yaml_bytes peer_s peer_MB ratio
for n in $sizes; do
  python3 "$root/bench/gen_program.py" --items "$n" -o "$tmp/p$n.mm"
  python3 "$root/bench/gen_program.py" --items "$n" --format ansible-yaml -o "$tmp/p$n.yaml"
  "$magicc" check "$tmp/p$n.mm" >/dev/null 2>&1 || echo "warning: magicc check failed on $n items" >&2
  mt=$(median_time "$magicc" check "$tmp/p$n.mm")
  mr=$(peak_rss_mb "$magicc" check "$tmp/p$n.mm")
  pt=$(median_time python3 -c "$peer_py" "$tmp/p$n.yaml")
  pr=$(peak_rss_mb python3 -c "$peer_py" "$tmp/p$n.yaml")
  ratio=$(awk -v a="$mt" -v b="$pt" 'BEGIN {print a / b}')
  printf '%-8s %-10s %-12s %-10s %-12s %-10s %-10s %-8.2f\n' "$n" "$(stat -c %s "$tmp/p$n.mm")" \
    "$mt" "$mr" "$(stat -c %s "$tmp/p$n.yaml")" "$pt" "$pr" "$ratio"
done
