# RUN: magicc check %s 2>&1 | count 0
# mgmt's send/recv proof of concept: a generated password flows into a file,
# and a change to the file refreshes the service that reads it.

resource password db_pw { length: 32 }
resource file db_conf { path: "/tmp/magicc-demo/db.conf", mode: "0600" }
resource exec reload { cmd: "echo reloaded >> /tmp/magicc-demo/reloads", refresh_only: true }

db_pw.value -> db_conf.content  # password.value: secret -> file.content: secret
db_conf ~> reload               # reload runs only when db_conf changed
