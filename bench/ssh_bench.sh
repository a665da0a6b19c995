#!/usr/bin/env bash
# magicc over SSH against ansible-playbook, in the same script on the same
# hosts: 10 inventory hosts (loopback aliases of one real sshd on
# 127.0.0.1, started here), 20 trivial commands per host, in order on each
# host, 10 hosts at once. Ansible: Debian's ansible-core, pipelining on,
# forks 10, no fact gathering. Also the floor: one command over an already
# open multiplexed connection, and magicc's warm cost per command.
# The login is a throwaway system user with /bin/sh as its shell (created
# here, removed at the end; BENCH_USER=root to log in as root instead): a
# login shell that reads rc files (root's .bashrc with pyenv on a dev box)
# would cost more per command than everything measured here.
# The same 10 hosts x 20 commands through `magicc agent` too: ten agents on
# loopback ports (one per host), --backend agent.
# Usage: bench/ssh_bench.sh (env: MAGICC, RUNS, BENCH_USER). Needs openssh-server and ansible-core.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
magicc=${MAGICC:-$root/build/bin/magicc}
runs=${RUNS:-3}
command -v ansible-playbook > /dev/null || { echo "ssh_bench: install ansible-core (apt-get install ansible-core)"; exit 2; }
tmp=$(mktemp -d /tmp/mbench.XXXXXX)
chmod 755 "$tmp"
user=${BENCH_USER:-magiccbench}
created_user=
if ! id "$user" > /dev/null 2>&1; then
  useradd --system --no-create-home --home-dir /tmp --shell /bin/sh "$user"
  usermod -p "*" "$user"  # no password, but not locked: sshd (UsePAM no) refuses locked accounts
  created_user=1
fi
agents=()
cleanup() {
  for pid in "${agents[@]}"; do kill "$pid" 2> /dev/null || true; done
  python3 "$root/test/lit/ssh/Inputs/sshd_fixture.py" stop "$tmp"
  rm -rf "$tmp"
  if [ -n "$created_user" ]; then
    pkill -u "$user" 2> /dev/null || true  # its sessions outlive the listener
    sleep 0.5
    userdel "$user"
  fi
}
trap cleanup EXIT
python3 "$root/test/lit/ssh/Inputs/sshd_fixture.py" start "$tmp"
sed "s/User root/User $user/" "$tmp/ssh_config" > "$tmp/bench_ssh_config"
port=$(sed 's/.*a=\([0-9]*\).*/\1/' "$tmp/ports")
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
cat > "$tmp/ansible.cfg.in" <<CFG
[defaults]
forks = 10
host_key_checking = True
interpreter_python = /usr/bin/python3
[ssh_connection]
pipelining = True
ssh_args = -F $tmp/bench_ssh_config -o ControlMaster=auto -o ControlPersist=60s
CFG

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

# Each tool with the same ssh_config: OpenSSH's default key exchange
# (sntrup761x25519, post-quantum hybrid, costly to set up), then curve25519.
declare -A t_magicc t_ansible
export ANSIBLE_CONFIG="$tmp/ansible.cfg"
for kex in default curve25519-sha256; do
  cfg="$tmp/bench_ssh_config.$kex"
  cp "$tmp/bench_ssh_config" "$cfg"
  [ "$kex" = default ] || echo "  KexAlgorithms $kex" >> "$cfg"
  sed "s|-F [^ ]*|-F $cfg|" "$tmp/ansible.cfg.in" > "$tmp/ansible.cfg"
  t_magicc[$kex]=$(timed "$magicc" run "$tmp/bench.mm" -i "$tmp/bench.yaml" --hosts bench --backend ssh \
    --ssh-config "$cfg" -j 10 --state "$tmp/st/state.db")
  t_ansible[$kex]=$(timed ansible-playbook -i "$tmp/bench.yaml" "$tmp/bench.yml")
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

# magicc's own cost per command once the master is up: 20 commands in order
# on one host, less a run with no command (connect, preflight, close).
cfg="$tmp/bench_ssh_config.default"
{ echo "all:"; echo "  children:"; echo "    one:"; echo "      hosts:"
  printf '        h01: {ansible_host: 127.0.0.2, ansible_port: %d}\n' "$port"; } > "$tmp/one.yaml"
echo 'item nothing { }' > "$tmp/empty.mm"
t_one=$(timed "$magicc" run "$tmp/bench.mm" -i "$tmp/one.yaml" --hosts one --backend ssh --ssh-config "$cfg" --state "$tmp/st/one.db")
t_empty=$(timed "$magicc" run "$tmp/empty.mm" -i "$tmp/one.yaml" --hosts one --backend ssh --ssh-config "$cfg" --state "$tmp/st/empty.db")

# The floor: one command over an open master, sequentially, on one host.
ssh -F "$tmp/bench_ssh_config" -o BatchMode=yes -o ControlMaster=auto -o ControlPath="$tmp/cm-%C" \
  -o ControlPersist=60 -p "$port" 127.0.0.2 true
s=$(date +%s.%N)
for _ in $(seq 20); do ssh -F "$tmp/bench_ssh_config" -o BatchMode=yes -o ControlPath="$tmp/cm-%C" -p "$port" 127.0.0.2 true; done
e=$(date +%s.%N)
floor=$(echo "($e - $s) * 1000 / 20" | bc -l)
ssh -F "$tmp/bench_ssh_config" -o ControlPath="$tmp/cm-%C" -O exit -p "$port" 127.0.0.2 2> /dev/null || true

printf '10 hosts x 20 commands over SSH (loopback sshd, 2 cores), median of %s runs\n' "$runs"
for kex in default curve25519-sha256; do
  printf '  key exchange %s:\n' "$kex"
  printf '    ansible-playbook  %.2f s\n' "${t_ansible[$kex]}"
  printf '    magicc run        %.2f s  (connect and preflight, 200 commands, close)\n' "${t_magicc[$kex]}"
  printf '    ansible/magicc = %.1fx\n' "$(echo "${t_ansible[$kex]} / ${t_magicc[$kex]}" | bc -l)"
done
printf '  through agents (magicc run --backend agent, 10 agents on loopback):\n'
printf '    magicc run        %.2f s  (ansible-playbook/agents = %.1fx; magicc ssh/agents = %.1fx)\n' \
  "$t_agent" "$(echo "${t_ansible[default]} / $t_agent" | bc -l)" "$(echo "${t_magicc[default]} / $t_agent" | bc -l)"
printf '  floor: %.1f ms per command with `ssh` over an open master (one host, sequential)\n' "$floor"
printf '  magicc: %.1f ms per command over its open master (one host, 20 in order; %.2f s with no command)\n' \
  "$(echo "($t_one - $t_empty) * 1000 / 20" | bc -l)" "$t_empty"
