# RUN: magicc check --syntax-only %s 2>&1 | count 0
# (Parses cleanly; semantic analysis rejects it with exactly two errors.)
# Must NOT compile: the secret would flow into a command line, and an int into a string.
resource password pw  { length: 16 }
resource exec     use { cmd: "true" }
resource file     f   { path: "/tmp/x" }
pw.value -> use.cmd            # error: secret flows into non-secret input 'cmd'
use.exit_code -> f.content     # error: int is not assignable to secret/string
