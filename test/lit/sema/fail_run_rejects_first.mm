# RUN: not magicc check %s 2>&1 | FileCheck %s
# What a run would refuse before touching a host, check refuses first, with a location.
resource file rel { path: "etc/motd", content: "x" }
# CHECK: fail_run_rejects_first.mm:[[@LINE-1]]:27: error: 'path' must be an absolute path (starting with '/'), found "etc/motd"
resource file nine { path: "/etc/a", content: "x", mode: "0999" }
# CHECK: fail_run_rejects_first.mm:[[@LINE-1]]:58: error: 'mode' must be an octal mode of 3 or 4 digits 0-7 like "0644", found "0999"
resource file sym { path: "/etc/b", content: "x", mode: "u=rw" }
# CHECK: fail_run_rejects_first.mm:[[@LINE-1]]:57: error: 'mode' must be an octal mode of 3 or 4 digits 0-7 like "0644", found "u=rw"
item empty { run: "" }
# CHECK: fail_run_rejects_first.mm:[[@LINE-1]]:19: error: 'run' is an empty command; give the command to run
# CHECK: 4 errors generated.
