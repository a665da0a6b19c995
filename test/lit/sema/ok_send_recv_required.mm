# RUN: magicc check %s 2>&1 | count 0
# A required input received by send/recv need not be set; string into secret is fine.
resource exec gen { cmd: "gen-path" }
resource file conf { content: "x" }
gen.stdout -> conf.path
resource exec token { cmd: "mktoken" }
resource file tok { path: "/etc/tok" }
token.stdout -> tok.content
resource password pw { length: 16 }
resource file pwf { path: "/etc/pw", mode: "0600" }
pw.value -> pwf.content
pwf ~> app
resource svc app { name: "app" }
