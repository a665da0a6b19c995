pipeline deploy(revision: int) {
  stage fetch { on: local, run: "echo fetch ${revision}" }
  stage restart { on: local, run: "echo restart" }
}
pipeline rollback() {
  stage restore { on: local, run: "echo restore" }
}
