# RUN: magicc check %s 2>&1 | count 0
# A secret may go into a secret field, interpolated or by bare name; a string too.
param token: secret
param greeting: string = "hello"
resource file a { path: "/a", content: token }
resource file b { path: "/b", content: "token=${token}" }
resource file c { path: "/c", content: greeting }
resource file d { path: "/d", content: "${greeting} world" }
