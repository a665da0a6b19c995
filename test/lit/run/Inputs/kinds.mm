# A user kind (check: / apply: commands, outputs from apply's JSON), pkg
# against dpkg, and svc through the `service` command (no systemd here).
kind pool_member {
  in backend: string
  in server: string
  in state: "enabled" | "disabled" = "enabled"
  out weight: int
  check: "sh -c 'test -e @DIR@/pool/$1.$2.$3 && echo {\\\"weight\\\": 7}' _ ${backend} ${server} ${state}"
  apply: "sh -c 'mkdir -p @DIR@/pool && touch @DIR@/pool/$1.$2.$3 && echo {\\\"weight\\\": 7}' _ ${backend} ${server} ${state}"
}
kind weight_file {
  in weight: int
  check: "sh -c 'test \"$(cat @DIR@/weight 2>/dev/null)\" = \"$1\"' _ ${weight}"
  apply: "sh -c 'echo $1 > @DIR@/weight' _ ${weight}"
}
resource pool_member web1 { backend: "app", server: "web1" }
resource weight_file recorded { }
web1.weight -> recorded.weight

resource pkg coreutils { name: "coreutils" }
resource pkg absent    { name: "magicc-no-such-package", state: "removed" }
resource svc app       { name: "magicc-test-app" }
resource file app_conf { path: "@DIR@/app.conf", content: "port 8080\n" }
app_conf ~> app
