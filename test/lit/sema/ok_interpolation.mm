# RUN: magicc check %s 2>&1 | count 0
# $$ is a literal dollar; host.* in a stage with on:, and in items; each with foreach.
param revision: int = 7
host fe001 { address: "10.0.0.1", user: "deploy", port: 22, tags: [web, os.debian], vars: { cluster: "alfa", weight: 3, live: true } }
item greet { run: "echo $$HOME ${host.name} ${host.address} ${host.vars.cluster}" }
resource file motd { path: "/etc/motd", content: "host ${host.name} rev ${revision} costs $$5" }
pipeline p(backend: string = "app") {
  stage a { on: web, run: "deploy ${backend} ${revision} --cluster ${host.vars.cluster} on ${host.name}" }
  stage b { on: web, foreach: ["x", "y"], run: "restart ${each} at ${host.address}" }
  stage c { run: "echo local $${revision} ${revision}" }
  stage d { on: web & cluster == "alfa", call: "svc.restart", args: { name: backend, rev: revision } }
}
