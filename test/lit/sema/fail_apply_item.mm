# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# apply: names resources, not items.
item warm {}
pipeline web() {
  stage install { on: frontend, apply: [warm] }
# CHECK:{{.*}}fail_apply_item.mm:[[@LINE-1]]:41: error: 'warm' is an item; 'apply' takes resources
# CHECK-NEXT:  stage install { on: frontend, apply: [warm] }
# CHECK-NEXT:                                        ^~~~
}
# CHECK-NEXT:1 error generated.
