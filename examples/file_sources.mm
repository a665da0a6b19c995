# RUN: magicc check %s 2>&1 | count 0
# RUN: magicc plan %s | FileCheck %s
# A file's content three ways: a multi-line string written in the program,
# a file beside the program copied byte for byte (source:), and a template
# whose ${...} are checked with the program and filled in per host
# (template:). Paths are relative to this file.
# CHECK: source app_conf: {{.*}}examples/files/app.conf (sha256:{{[0-9a-f]+}})
# CHECK: template site: {{.*}}examples/templates/site.conf.tmpl (sha256:{{[0-9a-f]+}})

param port: int = 8080
param greeting: string = "welcome"

# The common indentation is stripped; the blank line keeps a final newline.
resource file motd {
  path: "/tmp/magicc-demo/motd"
  content: """
    ${greeting} to ${host.name}
      (served on port ${port})

    """
}

resource file app_conf { path: "/tmp/magicc-demo/app.conf", source: "files/app.conf" }

resource file site {
  path: "/tmp/magicc-demo/site.conf"
  template: "templates/site.conf.tmpl"
  mode: "0640"
}

app_conf -> site
