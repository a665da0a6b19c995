# RUN: magicc check %s 2>&1 | count 0
# MCollective's app_cluster_upgrade.rb orchestration, in magic.
# magicc run app_cluster_upgrade.mm app_cluster_upgrade -i inventory.yaml \
#   -D backend=app -D cluster=bravo -D revision=20

pipeline app_cluster_upgrade(backend: string matches "^[a-z]+$",
    cluster: string matches "^[a-z]+$",
    revision: int) {
  requires: ["haproxy-ctl", "appmgr", "check_load"]
  stage disable {
    on: haproxy
    when_empty: "No load balancers found"
    run: "haproxy-ctl disable ${backend} ${host.name}"
  }
  stage upgrade {
    on: appmgr & cluster == $cluster
    when_empty: "No web servers found"
    batch: 2
    retries: 1
    run: "appmgr upgrade --revision ${revision}"
  }
  stage check_load {
    on: appmgr & cluster == $cluster
    retries: 10, retry_delay: 10s
    run: "check_load"
  }
  stage enable {
    on: haproxy
    run: "haproxy-ctl enable ${backend} ${host.name}"
  }
  stage status {
    on: appmgr & cluster == $cluster
    run: "appmgr revision"
    summarize: true
  }
}
