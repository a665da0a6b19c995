#!/usr/bin/env bash
# Runs every libFuzzer target of a MAGICC_BUILD_FUZZERS build for a fixed
# time each (FUZZ_SECONDS, 15 by default), as many at once as there are
# cores, from its seeds; new inputs go to a temporary corpus, never into the
# tree. Prints each target's executions and what it found, and exits 1 when
# any target crashed, hung or leaked, naming the input to add to the target's
# corpus (test/fuzz/NAME_corpus/, replayed by ctest) once it is fixed.
#   test/fuzz/run_fuzzers.sh build-asan
set -uo pipefail
build=${1:?usage: run_fuzzers.sh BUILD_DIR}
seconds=${FUZZ_SECONDS:-15}
here=$(cd "$(dirname "$0")" && pwd)
list="$build/test/fuzz/fuzzers.txt"
[[ -s $list ]] || { echo "run_fuzzers: no $list: configure with -DMAGICC_BUILD_FUZZERS=ON" >&2; exit 2; }
work=$(mktemp -d /tmp/magicc-fuzz.XXXXXX)

fuzz_one() {
  local name=$1
  shift
  local dict=()
  [[ $name == parser || $name == check ]] && dict=(-dict="$here/magic.dict")
  mkdir -p "$work/$name.corpus"
  # -timeout: an input that takes 10 s is a hang; -rss_limit_mb: unbounded memory.
  "$build/test/fuzz/${name}_fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work/$name-" "${dict[@]}" \
    "$work/$name.corpus" "$@" >"$work/$name.log" 2>&1
  echo $? >"$work/$name.status"
}

jobs=$(nproc)
while read -r name seeds; do
  while (($(jobs -rp | wc -l) >= jobs)); do wait -n; done
  # shellcheck disable=SC2086 # the seed directories are words
  fuzz_one "$name" $seeds &
done <"$list"
wait

status=0
printf '%-10s %12s %8s %8s  %s\n' target executions exec/s corpus result
while read -r name _; do
  log="$work/$name.log"
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  corpus=$(find "$work/$name.corpus" -type f | wc -l)
  if [[ $(cat "$work/$name.status") == 0 ]]; then
    result=ok
  else
    status=1
    result="FAILED: $(grep -m1 -E '^==[0-9]+==ERROR|SUMMARY|ALARM|deadly signal' "$log" || echo "exit $(cat "$work/$name.status")")"
    for input in "$work/$name"-*; do
      [[ -f $input ]] && result+=$'\n'"    input: $input (add it to test/fuzz/ as a regression test once fixed)"
    done
    echo "---- $name ----" >&2
    tail -40 "$log" >&2
  fi
  printf '%-10s %12s %8s %8s  %s\n' "$name" "${runs:-?}" "${speed:-?}" "$corpus" "$result"
done <"$list"
if ((status == 0)); then rm -rf "$work"; else echo "run_fuzzers: logs and inputs kept in $work" >&2; fi
exit "$status"
