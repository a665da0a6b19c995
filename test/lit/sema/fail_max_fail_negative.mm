# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
pipeline p() { stage s { on: web, run: "x", max_fail: -1 } }
# CHECK:{{.*}}fail_max_fail_negative.mm:[[@LINE-1]]:55: error: 'max_fail' must be >= 0, found -1
# CHECK-NEXT:pipeline p() { stage s { on: web, run: "x", max_fail: -1 } }
# CHECK-NEXT:                                                      ^~
# CHECK-NEXT:1 error generated.
