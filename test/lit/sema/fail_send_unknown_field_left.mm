# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
resource password pw {}
resource file conf { path: "/etc/conf" }
pw.valeu -> conf.content
# CHECK:{{.*}}fail_send_unknown_field_left.mm:[[@LINE-1]]:4: error: kind 'password' has no field 'valeu'; did you mean 'value'?
# CHECK-NEXT:pw.valeu -> conf.content
# CHECK-NEXT:   ^~~~~
# CHECK-NEXT:1 error generated.
