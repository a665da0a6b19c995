# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item i { run: "restart ${each}" }
# CHECK:{{.*}}fail_interp_each_in_item.mm:[[@LINE-1]]:24: error: '${each}' is only defined in a stage with foreach:
# CHECK-NEXT:item i { run: "restart ${each}" }
# CHECK-NEXT:                       ^~~~~~~
# CHECK-NEXT:1 error generated.
