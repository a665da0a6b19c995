# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
resource password pw {}
resource file conf { path: "/etc/conf" }
pw.value -> conf.contnet
# CHECK:{{.*}}fail_send_unknown_field_right.mm:[[@LINE-1]]:18: error: kind 'file' has no field 'contnet'; did you mean 'content'?
# CHECK-NEXT:pw.value -> conf.contnet
# CHECK-NEXT:                 ^~~~~~~
# CHECK-NEXT:1 error generated.
