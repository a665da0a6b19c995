#!/usr/bin/env bash
# wrk against a local `magicc agent`: an authenticated no-op route
# (GET /v1/info: token check, facts, JSON) and job submission (POST
# /v1/jobs of `true`, each queued under its own queue name per connection).
#   bench/agent_bench.sh [MAGICC] [SECONDS] [CONNECTIONS]
# Figures in docs/performance.md.
set -euo pipefail
MAGICC=${1:-build/bin/magicc}
SECONDS_EACH=${2:-10}
CONNECTIONS=${3:-64}
THREADS=${WRK_THREADS:-2}
command -v wrk >/dev/null || { echo "agent_bench: needs wrk (apt-get install wrk)" >&2; exit 2; }

work=$(mktemp -d /tmp/magicc-agent-bench.XXXXXX)
agent_pid=
cleanup() {
  [[ -n $agent_pid ]] && kill "$agent_pid" 2>/dev/null && wait "$agent_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
printf 'bench run %s\n' "$token" > "$work/tokens"
chmod 600 "$work/tokens"
"$MAGICC" agent --listen 127.0.0.1:0 --token-file "$work/tokens" --state "$work/state" \
  --audit-log "$work/audit.log" --threads "${AGENT_THREADS:-2}" > "$work/out" 2> "$work/err" &
agent_pid=$!
for _ in $(seq 100); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.05; done
url=$(awk '/listening/ {print $NF}' "$work/out")
[[ -n $url ]] || { cat "$work/err" >&2; exit 1; }
echo "agent at $url (pid $agent_pid), ${THREADS} wrk threads, ${CONNECTIONS} connections, ${SECONDS_EACH}s each"

echo "== GET /v1/info (authenticated)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency \
  -H "Authorization: Bearer $token" "$url/v1/info"

echo "== GET /v1/health (no auth)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_EACH}s" \
  "$url/v1/health"

cat > "$work/submit.lua" <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $token"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"action":"exec","cmd":["true"],"queue":"bench"}'
LUA
echo "== POST /v1/jobs (submission only: jobs queue and run one at a time)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -s "$work/submit.lua" \
  "$url/v1/jobs"
echo "audit lines: $(wc -l < "$work/audit.log")"
