# Run inside `unshare -m`: magicc serve with its store on a 512 KiB tmpfs
# that fills up after the first task, then gets room again. $1: the test's
# directory. Prints each request's status and the server's error message.
set -u
dir=$1
mount -t tmpfs -o size=512k tmpfs "$dir/mnt" || exit 1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
magicc serve "$dir/s.mm" --listen "127.0.0.1:$port" --store "sqlite:$dir/mnt/tasks.db" 2> "$dir/serve.err" &
pid=$!
create() {
  python3 - "$port" <<'PY'
import json, sys, urllib.error, urllib.request
req = urllib.request.Request("http://127.0.0.1:%s/task/create" % sys.argv[1],
                             data=b'{"requirements": []}', method="POST")
try:
    with urllib.request.urlopen(req, timeout=10) as r:
        print("create", r.status)
except urllib.error.HTTPError as e:
    print("create", e.code, json.loads(e.read())["message"])
PY
}
for i in $(seq 100); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break; sleep 0.05; done
create
dd if=/dev/zero of="$dir/mnt/fill" bs=4k 2>/dev/null
create
create
rm "$dir/mnt/fill"
create
python3 -c "import json, urllib.request; print('tasks', len(json.load(urllib.request.urlopen('http://127.0.0.1:$port/task/'))))"
kill "$pid"
wait "$pid"
echo "serve exit $?"
