#!/usr/bin/env bash
# magicc over SSH at scale: HOSTS inventory hosts (loopback aliases
# 127.0.0.2.. of one real sshd, started here) x COMMANDS trivial commands per
# host, in order on each host, -j JOBS. Measures the wall time, magicc's peak
# memory (RSS) and peak open descriptors, sampled every 50 ms, per host; and,
# in the same run, the peer: what a script does with plain OpenSSH, one
# master per host (opened 32 at a time) and one `ssh` per command over it,
# JOBS hosts at once.
# Usage: bench/ssh_scale.sh (env: MAGICC, HOSTS=200, COMMANDS=20, JOBS=64).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
magicc=${MAGICC:-$root/build/bin/magicc}
hosts=${HOSTS:-200} per=${COMMANDS:-20} jobs=${JOBS:-64}
[ "$hosts" -le 250 ] || { echo "ssh_scale: at most 250 hosts (127.0.0.2-251)"; exit 2; }
tmp=$(mktemp -d /tmp/mscale.XXXXXX)
sshd_pids=()
cleanup() {
  for pid in "${sshd_pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  python3 "$root/test/lit/ssh/Inputs/sshd_fixture.py" stop "$tmp"
  rm -rf "$tmp"
}
trap cleanup EXIT
[ -z "${KEEP:-}" ] || trap - EXIT
python3 "$root/test/lit/ssh/Inputs/sshd_fixture.py" start "$tmp"
# The fixture's server (its root login runs bash without rc files), on
# every alias, without the per-address login shells of its tests: one sshd
# per 16 aliases (sshd listens on at most 16 sockets). A real fleet has an
# sshd per host: these may take their hosts all at once.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sshd_pids=()
for first in $(seq 2 16 $((hosts + 1))); do
  conf=$tmp/scale-sshd-$first.conf
  {
    for i in $(seq "$first" $((first + 15))); do
      [ "$i" -le $((hosts + 1)) ] && echo "ListenAddress 127.0.0.$i:$port"
    done
    sed -e "s/^Port .*/Port $port/" -e '/^ListenAddress/d' -e "s|^PidFile .*|PidFile $conf.pid|" \
      -e 's/^MaxStartups .*/MaxStartups 1000:30:2000/' \
      -e '/^Match LocalAddress/,/^Match all$/{/^Match all$/!d}' "$tmp/sshd-a.conf"
  } > "$conf"
  timeout 3600 /usr/sbin/sshd -D -e -f "$conf" 2>> "$tmp/scale-sshd.log" &
  sshd_pids+=($!)
  up=
  for _ in $(seq 600); do (echo > "/dev/tcp/127.0.0.$first/$port") 2> /dev/null && up=1 && break; sleep 0.05; done
  [ -n "$up" ] || { echo "ssh_scale: sshd did not start" >&2; cat "$tmp/scale-sshd.log" >&2; exit 1; }
done
hostkey=$(cut -d' ' -f1,2 "$tmp/host_ed25519.pub")

{
  echo "all:"; echo "  children:"; echo "    scale:"; echo "      hosts:"
  for i in $(seq 1 "$hosts"); do printf '        h%03d: {ansible_host: 127.0.0.%d, ansible_port: %d}\n' "$i" $((i + 1)) "$port"; done
} > "$tmp/scale.yaml"
for i in $(seq 1 "$hosts"); do echo "[127.0.0.$((i + 1))]:$port $hostkey"; done > "$tmp/known_hosts"
{
  for i in $(seq 1 "$per"); do
    if [ "$i" = 1 ]; then echo "item c$i { run: \"true\" }"; else echo "item c$i { depends: c$((i - 1)), run: \"true\" }"; fi
  done
} > "$tmp/scale.mm"

# magicc, its descriptors counted while it runs.
/usr/bin/time -f "%e %M" -o "$tmp/time.magicc" "$magicc" run "$tmp/scale.mm" -i "$tmp/scale.yaml" \
  --hosts scale --backend ssh --ssh-config "$tmp/ssh_config" -j "$jobs" --state "$tmp/scale.db" \
  > "$tmp/magicc.out" 2>&1 &
runner=$!
peak_fds=0 peak_ssh=0
while kill -0 "$runner" 2> /dev/null; do
  pid=$(pgrep -P "$runner" -x magicc || true)
  if [ -n "$pid" ]; then
    n=$(ls "/proc/$pid/fd" 2> /dev/null | wc -l || true)
    [ "$n" -le "$peak_fds" ] || peak_fds=$n
    s=$(pgrep -fc "magicc-ssh-" || true)  # masters leave magicc's tree; "ssh: DIR/N [mux]"
    [ "$s" -le "$peak_ssh" ] || peak_ssh=$s
  fi
  sleep 0.05
done
wait "$runner" || { cat "$tmp/magicc.out" >&2; exit 1; }
grep -q "$((hosts * per)) changed, 0 failed" "$tmp/magicc.out" || { tail "$tmp/magicc.out" >&2; exit 1; }
read -r t_magicc rss_kb < "$tmp/time.magicc"
masters_left=$(pgrep -fc "magicc-ssh-" || true)

# The peer: a master per host, then each host's commands through it.
cat > "$tmp/peer_host.sh" << PEER
a=\$1
ssh -F "$tmp/ssh_config" -o BatchMode=yes -o ControlMaster=yes -o ControlPersist=120 \
  -o ControlPath="$tmp/cm-%C" -p $port "\$a" true
for _ in \$(seq $per); do ssh -F "$tmp/ssh_config" -o ControlPath="$tmp/cm-%C" -p $port "\$a" true; done
ssh -F "$tmp/ssh_config" -o ControlPath="$tmp/cm-%C" -O exit -p $port "\$a" 2> /dev/null
PEER
s=$(date +%s.%N)
for i in $(seq 2 $((hosts + 1))); do echo "127.0.0.$i"; done | xargs -P "$jobs" -n 1 sh "$tmp/peer_host.sh"
e=$(date +%s.%N)
t_peer=$(echo "$e - $s" | bc -l)

printf '%s hosts x %s commands over SSH (loopback sshds, 16 hosts each), -j %s\n' "$hosts" "$per" "$jobs"
printf '  magicc run            %7.2f s   (connect and preflight, %s commands, close)\n' "$t_magicc" $((hosts * per))
printf '  ssh over a master     %7.2f s   (a master per host, an ssh per command, %s hosts at once)\n' "$t_peer" "$jobs"
printf '  magicc is %.1fx faster\n' "$(echo "$t_peer / $t_magicc" | bc -l)"
printf '  magicc peak memory    %7.1f MB  (%.1f KB per host)\n' "$(echo "$rss_kb / 1024" | bc -l)" "$(echo "$rss_kb / $hosts" | bc -l)"
printf '  magicc peak open fds  %7d     (%.1f per host)\n' "$peak_fds" "$(echo "$peak_fds / $hosts" | bc -l)"
printf '  ssh processes at peak %7d     (the masters, one per host); left after the run: %s\n' "$peak_ssh" "$masters_left"
