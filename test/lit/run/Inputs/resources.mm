# mgmt's send/recv: a generated password flows into a file, and a change to
# the file refreshes the exec that reads it. @DIR@ is the test's directory.
resource password db_pw   { length: 24 }
resource file     db_conf { path: "@DIR@/etc/db.conf", mode: "0600" }
resource exec     reload  { cmd: "sh -c 'echo reloaded >> @DIR@/reloads'", refresh_only: true }
resource file     motd    { path: "@DIR@/etc/motd", content: "hello\n" }
resource file     stale   { path: "@DIR@/stale", state: "absent" }
resource exec     once    { cmd: "touch @DIR@/once", creates: "@DIR@/once" }
resource noop     marker  { }

db_pw.value -> db_conf.content
db_conf ~> reload
