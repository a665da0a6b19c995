# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A typo in a kind name.
resource fiel motd { path: "/etc/motd" }
# CHECK:{{.*}}fail_unknown_kind.mm:[[@LINE-1]]:10: error: unknown kind 'fiel'; did you mean 'file'?
# CHECK-NEXT:resource fiel motd { path: "/etc/motd" }
# CHECK-NEXT:         ^~~~
# CHECK-NEXT:1 error generated.
