# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# An unknown kind does not also report its fields or send/recv ends.
resource fiel f { path: "/x", mode: 1 }
# CHECK:{{.*}}fail_resource_cascade.mm:[[@LINE-1]]:10: error: unknown kind 'fiel'; did you mean 'file'?
# CHECK-NEXT:resource fiel f { path: "/x", mode: 1 }
# CHECK-NEXT:         ^~~~
resource password pw {}
pw.value -> f.content
# CHECK-NEXT:1 error generated.
