# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
pipeline p() { stage s { on: web, run: "x", batch: 0 } }
# CHECK:{{.*}}fail_batch_zero.mm:[[@LINE-1]]:52: error: 'batch' must be >= 1, found 0
# CHECK-NEXT:pipeline p() { stage s { on: web, run: "x", batch: 0 } }
# CHECK-NEXT:                                                   ^
# CHECK-NEXT:1 error generated.
