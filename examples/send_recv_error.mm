# RUN: magicc check --syntax-only %s 2>&1 | count 0
# RUN: not magicc check %s 2>&1 | FileCheck %s
# It parses cleanly; semantic analysis rejects it with exactly its two errors.
# Must NOT compile: the secret would flow into a command line, and an int into a string.
resource password pw { length: 16 }
resource exec use { cmd: "true" }
resource file f { path: "/tmp/x" }
pw.value -> use.cmd         # error: secret flows into non-secret input 'cmd'
use.exit_code -> f.content  # error: int is not assignable to secret/string
# CHECK: send_recv_error.mm:[[@LINE-2]]:13: error: secret 'pw.value' would flow into non-secret input 'use.cmd'
# CHECK: send_recv_error.mm:[[@LINE-2]]:18: error: cannot send int 'use.exit_code' into secret input 'f.content'
# CHECK-NOT: {{[0-9]+: error:}}
# CHECK: 2 errors generated.
