# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
resource file a { path: "/a" }
resource file b { path: "/b" }
a.mode -> b.mode
# CHECK:{{.*}}fail_send_from_input.mm:[[@LINE-1]]:1: error: 'a.mode' is an input of kind 'file'; a value is sent from an output
# CHECK-NEXT:a.mode -> b.mode
# CHECK-NEXT:^~~~~~
# CHECK-NEXT:1 error generated.
