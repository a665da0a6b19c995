param port: int = 8080
param name: string = "app"

resource file blob { path: "@DIR@/out/blob.bin", source: "files/blob.bin" }
resource file conf { path: "@DIR@/out/app.conf", template: "templates/app.conf.tmpl", mode: "0600" }
resource file motd {
  path: "@DIR@/out/motd"
  content: """
    ${name} on port ${port}
      indented "quoted" \t tab

    """
}
