# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A field the kind does not have.
resource file motd { path: "/etc/motd", mdoe: "0644" }
# CHECK:{{.*}}fail_unknown_field.mm:[[@LINE-1]]:41: error: kind 'file' has no field 'mdoe'; did you mean 'mode'?
# CHECK-NEXT:resource file motd { path: "/etc/motd", mdoe: "0644" }
# CHECK-NEXT:                                        ^~~~
# CHECK-NEXT:1 error generated.
