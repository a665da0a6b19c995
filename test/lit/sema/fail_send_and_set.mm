# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
resource password pw {}
resource file conf { path: "/etc/conf", content: "literal" }
# CHECK:{{.*}}fail_send_and_set.mm:[[@LINE-1]]:41: error: input 'conf.content' is set here and also received from 'pw.value'
# CHECK-NEXT:resource file conf { path: "/etc/conf", content: "literal" }
# CHECK-NEXT:                                        ^~~~~~~
# CHECK:{{.*}}fail_send_and_set.mm:[[@LINE+3]]:1: note: the other value comes from here
# CHECK-NEXT:pw.value -> conf.content
# CHECK-NEXT:^~~~~~~~
pw.value -> conf.content
# CHECK-NEXT:1 error generated.
