#!/usr/bin/env python3
"""Generate a large, valid, deterministic magic program for benchmarking.

  gen_program.py --items N [--seed S] [--format magic|ansible-yaml] [-o FILE]

Emits params, hosts, resources (file/svc/pkg/password), N items forming a DAG
(each depends on 0-3 earlier items), edges (->, ~>, send/recv) and a pipeline.
Items average ~100 bytes, so 100k items is ~10 MB. `--format ansible-yaml`
emits the same items as an Ansible-style playbook, as a YAML-loading peer.
"""
import argparse
import random
import sys

OS = ["debian", "ubuntu", "rhel", "alpine", "fedora", "arch", "suse", "centos"]
GROUPS = {
    "os": OS,
    "role": ["web", "db", "cache", "queue", "lb", "api", "worker", "monitor",
             "bastion", "mail", "dns", "storage"],
    "env": ["prod", "staging", "dev", "qa"],
    "dc": ["fra1", "ams2", "lon1", "nyc3", "sfo2", "sgp1", "tor1", "blr1"],
    "arch": ["amd64", "arm64"],
    "support_level": ["basic", "gold", "platinum"],
    "feature": ["tls", "ipv6", "selinux", "apparmor", "docker", "k8s", "backup",
                "metrics", "tracing", "audit", "fips", "numa"],
    "hw": ["ssd", "nvme", "raid", "gpu", "bigmem"],
}
TAGS = [f"{g}.{v}" for g, vs in GROUPS.items() for v in vs]
TAGS += ["coffee", "maintenance", "canary", "legacy", "edge", "frontend",
         "backend", "batch", "experimental", "pinned"][: 64 - len(TAGS)]
CLUSTERS = ["alfa", "bravo", "charlie", "delta", "echo", "foxtrot"]
VERBS = ["install", "configure", "enable", "start", "check", "sync", "render",
         "fetch", "build", "migrate", "verify", "rotate", "tune", "mount"]
NOUNS = ["nginx", "pg", "redis", "kafka", "app", "certs", "users", "ntp",
         "sshd", "logs", "fw", "dns", "cron", "repo", "kernel", "disk"]
CMDS = ["apt-get install -y {n}", "systemctl restart {n}", "render-conf {n} --host ${{host.name}}",
        "/opt/bin/{n}-ctl sync", "{n}ctl check --workers ${{workers}}", "sh -c 'test -f /etc/{n}'",
        "curl -fsS http://${{host.name}}/{n}/health", "appctl {v} {n} --release ${{release}}"]
DURS = [("500ms", 0.5), ("5s", 5), ("10s", 10), ("30s", 30), ("1m", 60), ("5m", 300), ("2h", 7200)]


def cond(r, depth=0):
    """A random condition as a tiny AST: ('tag',t) ('cmp',op,v) ('not',c) ('and'|'or',[..])."""
    x = r.random()
    if depth >= 2 or x < 0.45 + 0.3 * depth:
        y = r.random()
        if y < 0.80:
            return ("tag", r.choice(TAGS))
        if y < 0.97:
            return ("cmp", r.choice(["==", "!="]), r.choice(CLUSTERS))
        return ("cmp", "==", None)  # compare with the param $cluster_name
    if x < 0.55:
        return ("not", cond(r, depth + 1))
    return (r.choice(["and", "or"]), [cond(r, depth + 1) for _ in range(r.randint(2, 3))])


def render(c, yaml, parent="top"):
    k = c[0]
    if k == "tag":
        return f"'{c[1]}' in host_tags" if yaml else c[1]
    if k == "cmp":
        if yaml:
            return f"cluster {c[1]} " + (f"'{c[2]}'" if c[2] else "cluster_name")
        return f"cluster {c[1]} " + (f'"{c[2]}"' if c[2] else "$cluster_name")
    if k == "not":
        return ("not " if yaml else "!") + render(c[1], yaml, "not")
    sep = {"and": (" & ", " and "), "or": (" | ", " or ")}[k][yaml]
    s = sep.join(render(x, yaml, k) for x in c[1])
    tight = {"top": -1, "or": 0, "and": 1, "not": 2}
    return f"({s})" if tight[parent] >= tight[k] and not (parent == k == "and") else s


class Program:
    def __init__(self, n, seed):
        r = random.Random(seed)
        self.params = [("workers", "int", "4"), ("release", "string", '"v1.2"'),
                       ("cluster_name", "string", '"alfa"'), ("drain_timeout", "duration", "30s")]
        self.hosts = [(f"h{i:03d}", f"10.0.{i // 250}.{i % 250 + 1}",
                       r.sample(TAGS, 4), CLUSTERS[i % len(CLUSTERS)]) for i in range(16)]
        nres = max(2, n // 40)
        self.files = [(f"f_{i}", f"/etc/{r.choice(NOUNS)}/{i}.conf", r.choice(["0644", "0600", "0640"]))
                      for i in range(nres)]
        self.svcs = [(f"s_{i}", f"{r.choice(NOUNS)}{i}") for i in range(nres)]
        self.pkgs = [(f"p_{i}", r.choice(NOUNS)) for i in range(max(1, nres // 4))]
        self.pws = [f"pw_{i}" for i in range(max(1, nres // 8))]
        self.items = []
        for i in range(n):
            name = f"{r.choice(VERBS)}_{r.choice(NOUNS)}_{i}"
            k = r.choice([0, 0, 1, 1, 1, 1, 2, 2, 3]) if i else 0
            pool = range(max(0, i - 50), i) if r.random() < 0.85 else range(i)
            deps = [self.items[j]["name"] for j in sorted(set(r.choice(pool) for _ in range(k)))] if i else []
            if r.random() < 0.03:
                deps.append(r.choice(self.files + self.svcs)[0])
            it = {"name": name, "deps": deps}
            if r.random() < 0.55:
                it["if"] = cond(r)
            if r.random() < 0.45:
                v, nn = r.choice(VERBS), r.choice(NOUNS)
                it["run"] = r.choice(CMDS).format(v=v, n=nn)
            if r.random() < 0.15:
                it["retries"] = r.randint(1, 5)
                it["retry_delay"] = r.choice(DURS[:4])
            if r.random() < 0.12:
                it["timeout"] = r.choice(DURS[3:])
            if r.random() < 0.06:
                it["meta"] = {"owner": r.choice(["ops", "web-team", "dba"]), "ticket": r.randint(1, 99999)}
            self.items.append(it)
        names = [it["name"] for it in self.items]
        self.edges = []
        for _ in range(n // 10):
            j = r.randrange(1, n) if n > 1 else 0
            if j:
                self.edges.append((names[r.randrange(max(0, j - 200), j)], "->", names[j]))
        for i in range(nres):
            self.edges.append((self.files[i][0], "~>", self.svcs[i][0]))
        for i, pw in enumerate(self.pws):
            self.edges.append((pw + ".value", "->", self.files[i][0] + ".content"))

    def magic(self, out):
        w = out.write
        w("# Generated by bench/gen_program.py\n\n")
        for name, ty, dflt in self.params:
            w(f"param {name}: {ty} = {dflt}\n")
        w("\n")
        for name, addr, tags, cl in self.hosts:
            w(f'host {name} {{ address: "{addr}", port: 22, tags: [{", ".join(tags)}], vars: {{ cluster: "{cl}" }} }}\n')
        w("\n")
        for name, path, mode in self.files:
            w(f'resource file {name} {{ path: "{path}", mode: "{mode}" }}\n')
        for name, svc in self.svcs:
            w(f'resource svc {name} {{ name: "{svc}", state: "running" }}\n')
        for name, pkg in self.pkgs:
            w(f'resource pkg {name} {{ name: "{pkg}" }}\n')
        for name in self.pws:
            w(f"resource password {name} {{ length: 24 }}\n")
        w("\n")
        for it in self.items:
            f = []
            if "if" in it:
                f.append("if: " + render(it["if"], False))
            if it["deps"]:
                f.append(f"depends: [{', '.join(it['deps'])}]")
            if "run" in it:
                f.append(f'run: "{it["run"]}"')
            if "retries" in it:
                f.append(f"retries: {it['retries']}, retry_delay: {it['retry_delay'][0]}")
            if "timeout" in it:
                f.append(f"timeout: {it['timeout'][0]}")
            if "meta" in it:
                m = it["meta"]
                f.append(f'meta: {{ owner: "{m["owner"]}", ticket: {m["ticket"]} }}')
            if sum(map(len, f)) < 70:
                w(f"item {it['name']} {{ {', '.join(f)} }}\n" if f else f"item {it['name']} {{}}\n")
            else:
                w(f"item {it['name']} {{\n" + "".join(f"  {x}\n" for x in f) + "}\n")
        w("\n")
        for a, op, b in self.edges:
            w(f"{a} {op} {b}\n")
        w('\npipeline rollout(revision: int, batch_size: int = 2) {\n'
          '  requires: ["appctl", "curl"]\n'
          '  stage drain {\n    on: role.lb & cluster == $cluster_name\n'
          '    when_empty: "No load balancers"\n    run: "appctl drain --timeout ${drain_timeout} ${host.name}"\n  }\n'
          '  stage deploy {\n    on: role.web & !maintenance\n    batch: batch_size, concurrency: 2, per_host: 1\n'
          '    retries: 1, retry_delay: 5s, timeout: 5m, max_fail: "25%"\n'
          '    run: "appctl deploy ${release} --revision ${revision}"\n  }\n'
          f'  stage converge {{ on: role.web, apply: [{self.files[0][0]}, {self.svcs[0][0]}] }}\n'
          '  stage report { run: "notify done", summarize: true }\n}\n')

    def yaml(self, out):
        """Ansible-style: one play of tasks (resources, then items), one play per stage."""
        w = out.write
        w("# Generated by bench/gen_program.py --format ansible-yaml\n")
        w("- name: generated\n  hosts: all\n  vars:\n")
        for name, ty, dflt in self.params:
            w(f"    {name}: {dflt if ty != 'duration' else 30}\n")
        w("  tasks:\n")
        for name, path, mode in self.files:
            w(f'    - name: {name}\n      ansible.builtin.file: {{ path: "{path}", mode: "{mode}" }}\n'
              f"      notify: [{'s_' + name[2:]}]\n")
        for name, pkg in self.pkgs:
            w(f"    - name: {name}\n      ansible.builtin.package: {{ name: {pkg}, state: present }}\n")
        for it in self.items:
            w(f"    - name: {it['name']}\n")
            if "if" in it:
                w(f'      when: "{render(it["if"], True)}"\n')
            if "run" in it:
                cmd = it["run"].replace("${host.name}", "{{ inventory_hostname }}")
                cmd = cmd.replace("${workers}", "{{ workers }}").replace("${release}", "{{ release }}")
                w(f'      command: "{cmd}"\n')
            else:
                w("      meta: noop\n")
            if "retries" in it:
                w(f"      retries: {it['retries']}\n      delay: {it['retry_delay'][1]}\n")
            if "timeout" in it:
                w(f"      timeout: {int(it['timeout'][1])}\n")
            if it["deps"] or "meta" in it:
                w("      vars:\n")
                if it["deps"]:
                    w(f"        depends_on: [{', '.join(it['deps'])}]\n")
                if "meta" in it:
                    w(f"        meta: {{ owner: {it['meta']['owner']}, ticket: {it['meta']['ticket']} }}\n")
        w("  handlers:\n")
        for name, svc in self.svcs:
            w(f"    - name: {name}\n      ansible.builtin.service: {{ name: {svc}, state: restarted }}\n")
        for stage, hosts, cmd in [("drain", "role_lb", "appctl drain {{ inventory_hostname }}"),
                                  ("deploy", "role_web:!maintenance", "appctl deploy {{ release }}"),
                                  ("report", "localhost", "notify done")]:
            w(f"- name: {stage}\n  hosts: \"{hosts}\"\n  serial: 2\n  tasks:\n"
              f'    - name: {stage}\n      command: "{cmd}"\n      retries: 1\n')


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", choices=["magic", "ansible-yaml"], default="magic")
    ap.add_argument("-o", "--output")
    a = ap.parse_args()
    prog = Program(a.items, a.seed)
    out = open(a.output, "w") if a.output else sys.stdout
    (prog.magic if a.format == "magic" else prog.yaml)(out)
    out.close()


if __name__ == "__main__":
    main()
