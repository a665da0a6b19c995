#!/bin/bash
# Usage: abort_run.sh DIR MAGICC-ARGS...: starts magicc in DIR with core dumps
# allowed, aborts it (SIGABRT) once its command runs, and lists any core file.
dir=$1; shift
cd "$dir" || exit 2
ulimit -c unlimited
magicc "$@" > run.out 2>&1 &
pid=$!
for _ in $(seq 100); do [ -s started ] && break; sleep 0.05; done
kill -ABRT "$pid"
wait "$pid"
echo "exit $?"
kill "$(cat started)" 2>/dev/null
ls "$dir" | grep '^core' || echo "no core file"
