param version: string = "1.0"
param hosts: list[string] = ["a", "b"]
item base { run: "echo base" }
item app { depends: [base] when: os.debian & !support_level.basic run: "deploy ${version}" }
resource file "/tmp/x" { content: "v=${version}" mode: "0644" }
pipeline deploy {
  param revision: int = 3
  stage build { run: "make" }
  stage roll { on: web batch: 2 concurrency: 3 retries: 1 depends: [build] run: "roll ${revision}" }
}
