# RUN: magicc check %s 2>&1 | count 0
# A tour of the language: an import, params of every type, hosts, an
# inventory, items with conditions, and a pipeline using every stage field.

import "lib/web_common.mm"
inventory "inventory.yaml"

param environment: "staging" | "production" = "staging"
param release: string matches "^v[0-9]+\\.[0-9]+$"
param workers: int = 4
param drain_timeout: duration = 30s
param api_token: secret
param verbose: bool = false
param extra_packages: list[string] = ["jq", "htop"]
param limits: map[int] = { cpu: 2, memory_mb: 2048 }
param canary: string?

host web01 { address: "10.1.0.11", user: "deploy", port: 22, tags: [web, os.debian], vars: { cluster: "alfa" } }
host web02 { address: "10.1.0.12"; tags: [web, os.debian]; vars: { cluster: "bravo" } }

item install_nginx {
  if: web & (os.debian | os.ubuntu)
  depends: base_packages
  run: "apt-get install -y nginx"
  retries: 2, retry_delay: 10s, timeout: 5m
  meta: { owner: "web-team", ticket: 4711 }
}
item configure_nginx {
  if: web & !maintenance & cluster != "legacy"
  depends: [install_nginx]
  run: "render-nginx --workers ${workers} --env ${environment}"
}
install_nginx -> configure_nginx -> nginx

pipeline release(revision: int, batch_size: int = 2) {
  requires: ["appctl", "curl"]
  stage drain {
    on: web & cluster == "alfa"
    when_empty: "No web servers in cluster alfa"
    run: "appctl drain --timeout ${drain_timeout} ${host.name}"
    timeout: 1m
  }
  stage deploy {
    on: web
    batch: batch_size
    concurrency: 2
    per_host: 1
    retries: 1, retry_delay: 5s
    max_fail: "25%"
    foreach: extra_packages
    sudo: true
    run: "appctl deploy ${release} --revision ${revision} --with ${each}"
  }
  stage verify {
    on: web
    allow_empty: true
    call: "health.Check"
    args: { release: "${release}", strict: true }
  }
  stage converge { on: web, apply: [nginx_conf, nginx] }
  stage report { run: "notify ${environment} done by $$USER", summarize: true }
}
