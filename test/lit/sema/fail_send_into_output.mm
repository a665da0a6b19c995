# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
resource file a { path: "/a" }
resource file b { path: "/b" }
a.checksum -> b.checksum
# CHECK:{{.*}}fail_send_into_output.mm:[[@LINE-1]]:15: error: 'b.checksum' is an output of kind 'file'; a value is received by an input
# CHECK-NEXT:a.checksum -> b.checksum
# CHECK-NEXT:              ^~~~~~~~~~
# CHECK-NEXT:1 error generated.
