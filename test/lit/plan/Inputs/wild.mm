item hello { run: "echo ${host.name}" }
item web_only { if: "web-servers" & !db, run: "echo web ${host.vars.role}" }
item first { if: host.name == "web01", run: "echo first" }
item cached { if: cache, run: "echo ${host.vars.tier.name}" }

pipeline deploy() {
  stage build { run: "make" }
  stage web { on: "web-servers", run: "deploy web" }
  stage migrate { on: db, run: "migrate" }
}
