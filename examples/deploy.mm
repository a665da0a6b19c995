# RUN: magicc check %s 2>&1 | count 0
# The software deployer: stages run serially, tasks within a stage concurrently,
# bounded by concurrency and per_host. Hosts from the inventory's groups.

param version: string matches "^[0-9]+(\\.[0-9]+)*$"
param services: list[string] = ["web1", "worker1"]

pipeline deploy() {
  stage upload {
    on: frontend | backend
    concurrency: 10
    run: "fetch-tarball aurora-${version}.tar.gz"
  }
  stage restart {
    on: frontend | backend
    foreach: services
    concurrency: 4
    per_host: 1
    max_fail: "25%"
    run: "service-ctl restart ${each} --version ${version}"
  }
  stage notify { run: "send-graphite deploy.aurora.${version} 1" }  # no 'on': runs locally once
}
