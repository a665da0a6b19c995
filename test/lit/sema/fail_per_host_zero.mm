# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
pipeline p() { stage s { on: web, run: "x", per_host: 0 } }
# CHECK:{{.*}}fail_per_host_zero.mm:[[@LINE-1]]:55: error: 'per_host' must be >= 1, found 0
# CHECK-NEXT:pipeline p() { stage s { on: web, run: "x", per_host: 0 } }
# CHECK-NEXT:                                                      ^
# CHECK-NEXT:1 error generated.
