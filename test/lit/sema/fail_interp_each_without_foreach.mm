# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
pipeline p() { stage s { on: web, run: "restart ${each}" } }
# CHECK:{{.*}}fail_interp_each_without_foreach.mm:[[@LINE-1]]:49: error: '${each}' is only defined in a stage with foreach:
# CHECK-NEXT:pipeline p() { stage s { on: web, run: "restart ${each}" } }
# CHECK-NEXT:                                                ^~~~~~~
# CHECK-NEXT:1 error generated.
