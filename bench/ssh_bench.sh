#!/usr/bin/env bash
# magicc over SSH against ansible-playbook and Ansible with Mitogen, in the
# same script on the same hosts: 10 inventory hosts (loopback aliases of one
# real sshd, started here), 20 trivial commands per host, in order on each
# host, 10 hosts at once. Ansible: Debian's ansible-core, pipelining on,
# forks 10, no fact gathering; Mitogen: Debian's ansible-mitogen,
# `strategy = mitogen_linear` (skipped when it is not installed).
# Two logins, each a throwaway system user created here and removed at the
# end: a light one whose shell is /bin/sh, and a heavy one whose shell is
# bash with a ~/.bashrc that costs 80 ms (`sleep 0.08`, as root's `pyenv
# init` does on a development machine): every tool pays the login shell
# for each session it opens.
# Also the floor: one command over an already open multiplexed connection,
# and magicc's warm cost per command; and the same run through ten
# `magicc agent` processes (--backend agent).
# Usage: bench/ssh_bench.sh (env: MAGICC, RUNS). Needs openssh-server,
# ansible-core and (for the Mitogen rows) ansible-mitogen.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
magicc=${MAGICC:-$root/build/bin/magicc}
runs=${RUNS:-3}
command -v ansible-playbook > /dev/null || { echo "ssh_bench: install ansible-core (apt-get install ansible-core)"; exit 2; }
mitogen=
/usr/bin/python3 -c 'import ansible_mitogen' 2> /dev/null && mitogen=1  # Debian's python, where ansible lives
tmp=$(mktemp -d /tmp/mbench.XXXXXX)
chmod 755 "$tmp"
light=magiccbench heavy=magiccheavy
created=()
adduser_() {  # name shell home
  id "$1" > /dev/null 2>&1 && return
  useradd --system --no-create-home --home-dir "$3" --shell "$2" "$1"
  usermod -p "*" "$1"  # no password, but not locked: sshd (UsePAM no) refuses locked accounts
  created+=("$1")
}
agents=()
sshd_pid=
cleanup() {
  for pid in "${agents[@]}"; do kill "$pid" 2> /dev/null || true; done
  [ -z "$sshd_pid" ] || kill "$sshd_pid" 2> /dev/null || true
  python3 "$root/test/lit/ssh/Inputs/sshd_fixture.py" stop "$tmp"
  for u in "${created[@]}"; do
    pkill -u "$u" 2> /dev/null || true  # its sessions outlive the listener
  done
  sleep 0.5
  for u in "${created[@]}"; do userdel "$u"; done
  rm -rf "$tmp"
}
trap cleanup EXIT
adduser_ "$light" /bin/sh /tmp
mkdir -p "$tmp/heavy"
adduser_ "$heavy" /bin/bash "$tmp/heavy"
echo 'sleep 0.08' > "$tmp/heavy/.bashrc"
chown -R "$heavy" "$tmp/heavy"
python3 "$root/test/lit/ssh/Inputs/sshd_fixture.py" start "$tmp"
# The fixture's server with one change: the heavy login's bash reads its
# ~/.bashrc (the fixture sets SHLVL=1, which makes bash skip it).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# (Without the fixture's per-address login shells of its tests: slowlogin, nosh.)
sed -e "s/^Port .*/Port $port/" -e "s|^PidFile .*|PidFile $tmp/bench-sshd.pid|" \
  -e '/^Match LocalAddress/,/^Match all$/{/^Match all$/!d}' \
  -e "s|^Match all\$|Match User $heavy\n  SetEnv PATH=/usr/local/bin:/usr/bin:/bin\nMatch all|" \
  "$tmp/sshd-a.conf" > "$tmp/bench-sshd.conf"
timeout 3600 /usr/sbin/sshd -D -e -f "$tmp/bench-sshd.conf" 2> "$tmp/bench-sshd.log" &
sshd_pid=$!
for _ in $(seq 100); do (echo > "/dev/tcp/127.0.0.2/$port") 2> /dev/null && break; sleep 0.05; done
hostkey=$(cut -d' ' -f1,2 "$tmp/host_ed25519.pub")

# Ten hosts h01..h10 on 127.0.0.2..127.0.0.11, one group.
{
  echo "all:"; echo "  children:"; echo "    bench:"; echo "      hosts:"
  for i in $(seq 1 10); do printf '        h%02d: {ansible_host: 127.0.0.%d, ansible_port: %d}\n' "$i" $((i + 1)) "$port"; done
} > "$tmp/bench.yaml"
for i in $(seq 1 10); do echo "[127.0.0.$((i + 1))]:$port $hostkey"; done > "$tmp/known_hosts"
chmod 644 "$tmp/authorized_keys" "$tmp/known_hosts"

# 20 commands per host, each after the one before (as a playbook's tasks run).
{
  for i in $(seq 1 20); do
    if [ "$i" = 1 ]; then echo "item c$i { run: \"true\" }"; else echo "item c$i { depends: c$((i - 1)), run: \"true\" }"; fi
  done
} > "$tmp/bench.mm"
{
  echo "- hosts: bench"; echo "  gather_facts: false"; echo "  tasks:"
  for i in $(seq 1 20); do echo "    - command: /bin/true"; done
} > "$tmp/bench.yml"
echo 'item nothing { }' > "$tmp/empty.mm"
{ echo "all:"; echo "  children:"; echo "    one:"; echo "      hosts:"
  printf '        h01: {ansible_host: 127.0.0.2, ansible_port: %d}\n' "$port"; } > "$tmp/one.yaml"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timed() {
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s.%N)
    "$@" > "$tmp/last.out" 2>&1 || { cat "$tmp/last.out" >&2; exit 1; }
    e=$(date +%s.%N)
    echo "$e - $s" | bc -l
  done | median
}
ansible_cfg() {  # config strategy
  cat <<CFG
[defaults]
forks = 10
host_key_checking = True
interpreter_python = /usr/bin/python3
strategy = $2
[ssh_connection]
pipelining = True
ssh_args = -F $1 -o ControlMaster=auto -o ControlPersist=60s
CFG
}

declare -A t_magicc t_ansible t_mitogen t_one t_empty floor
for user in "$light" "$heavy"; do
  cfg="$tmp/ssh_config.$user"
  sed "s/User root/User $user/" "$tmp/ssh_config" > "$cfg"
  ansible_cfg "$cfg" linear > "$tmp/ansible.cfg"
  t_ansible[$user]=$(ANSIBLE_CONFIG="$tmp/ansible.cfg" timed ansible-playbook -i "$tmp/bench.yaml" "$tmp/bench.yml")
  if [ -n "$mitogen" ]; then
    ansible_cfg "$cfg" mitogen_linear > "$tmp/mitogen.cfg"
    t_mitogen[$user]=$(ANSIBLE_CONFIG="$tmp/mitogen.cfg" timed ansible-playbook -i "$tmp/bench.yaml" "$tmp/bench.yml")
  fi
  t_magicc[$user]=$(timed "$magicc" run "$tmp/bench.mm" -i "$tmp/bench.yaml" --hosts bench --backend ssh \
    --ssh-config "$cfg" -j 10 --state "$tmp/st/$user.db")
  # magicc's own cost per command once the master is up: 20 commands in
  # order on one host, less a run with no command (connect, preflight, close).
  t_one[$user]=$(timed "$magicc" run "$tmp/bench.mm" -i "$tmp/one.yaml" --hosts one --backend ssh --ssh-config "$cfg" --state "$tmp/st/one.$user.db")
  t_empty[$user]=$(timed "$magicc" run "$tmp/empty.mm" -i "$tmp/one.yaml" --hosts one --backend ssh --ssh-config "$cfg" --state "$tmp/st/empty.$user.db")
  # The floor: one command over an open master, sequentially, on one host.
  ssh -F "$cfg" -o BatchMode=yes -o ControlMaster=auto -o ControlPath="$tmp/cm-%C" \
    -o ControlPersist=60 -p "$port" 127.0.0.2 true
  s=$(date +%s.%N)
  for _ in $(seq 20); do ssh -F "$cfg" -o BatchMode=yes -o ControlPath="$tmp/cm-%C" -p "$port" 127.0.0.2 true; done
  e=$(date +%s.%N)
  floor[$user]=$(echo "($e - $s) * 1000 / 20" | bc -l)
  ssh -F "$cfg" -o ControlPath="$tmp/cm-%C" -O exit -p "$port" 127.0.0.2 2> /dev/null || true
done

# The same through ten agents, one per host.
echo "bench-token" > "$tmp/agent.token"
chmod 600 "$tmp/agent.token"
{
  echo "all:"; echo "  children:"; echo "    bench:"; echo "      hosts:"
  for i in $(seq 1 10); do
    "$magicc" agent --listen 127.0.0.1:0 --token-file "$tmp/agent.token" --state "$tmp/agent$i" \
      > "$tmp/agent$i.out" 2> "$tmp/agent$i.err" &
    agents+=($!)
    until grep -q 'listening on' "$tmp/agent$i.out" 2> /dev/null; do sleep 0.05; done
    url=$(awk '/listening on/ {print $NF}' "$tmp/agent$i.out")
    printf '        h%02d: {ansible_connection: magicc_agent, magicc_agent_url: "%s"}\n' "$i" "$url"
  done
} > "$tmp/agents.yaml"
t_agent=$(timed "$magicc" run "$tmp/bench.mm" -i "$tmp/agents.yaml" --hosts bench -j 10 \
  --agent-token-file "$tmp/agent.token" --state "$tmp/st/agents.db")

ratio() { echo "$1 / $2" | bc -l; }
printf '10 hosts x 20 commands over SSH (loopback sshd), median of %s runs\n' "$runs"
for user in "$light" "$heavy"; do
  if [ "$user" = "$light" ]; then printf '  light login (/bin/sh):\n'; else printf '  heavy login (bash, ~/.bashrc sleeps 80 ms):\n'; fi
  printf '    ansible-playbook   %6.2f s\n' "${t_ansible[$user]}"
  [ -z "$mitogen" ] || printf '    ansible + mitogen  %6.2f s\n' "${t_mitogen[$user]}"
  printf '    magicc run         %6.2f s  (connect and preflight, 200 commands, close)\n' "${t_magicc[$user]}"
  printf '    magicc is %.1fx faster than ansible-playbook' "$(ratio "${t_ansible[$user]}" "${t_magicc[$user]}")"
  [ -z "$mitogen" ] || printf ', %.1fx faster than mitogen' "$(ratio "${t_mitogen[$user]}" "${t_magicc[$user]}")"
  printf '\n'
  printf '    floor: %.1f ms per command with `ssh` over an open master (one host, sequential)\n' "${floor[$user]}"
  printf '    magicc: %.1f ms per command over its open session (one host, 20 in order; %.2f s with no command)\n' \
    "$(echo "(${t_one[$user]} - ${t_empty[$user]}) * 1000 / 20" | bc -l)" "${t_empty[$user]}"
done
printf '  through agents (magicc run --backend agent, 10 agents on loopback, no login shell):\n'
printf '    magicc run         %6.2f s  (ansible-playbook/agents = %.1fx, light login)\n' \
  "$t_agent" "$(ratio "${t_ansible[$light]}" "$t_agent")"
