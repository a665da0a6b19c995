# RUN: magicc check %s 2>&1 | count 0
# A user-defined kind implemented by shell commands (mgmt's resource model):
# typed inputs and outputs, a check that says whether the state is already
# right, and an apply that makes it so.

kind haproxy_server {
  in backend: string
  in server: string
  in state: "enabled" | "disabled" = "enabled"  # an enum type with a default
  out weight: int
  check: "haproxy-ctl status ${backend} ${server} ${state}"  # exit 0: already in state
  apply: "haproxy-ctl set ${backend} ${server} ${state}"     # may print {"weight": 10}
}

resource file haproxy_cfg {
  path: "/etc/haproxy/haproxy.cfg"
  content: "global\n  maxconn 4096\n"
  mode: "0644"
}
resource svc haproxy { name: "haproxy", state: "running" }
resource haproxy_server web1_in_pool { backend: "app"; server: "web1" }

haproxy_cfg ~> haproxy   # a changed config restarts haproxy
haproxy -> web1_in_pool  # the pool is edited once haproxy runs
