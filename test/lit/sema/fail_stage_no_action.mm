# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
pipeline p() {
  stage s { on: web, batch: 2 }
# CHECK:{{.*}}fail_stage_no_action.mm:[[@LINE-1]]:9: error: stage 's' needs exactly one of run:, call: or apply:; it has none
# CHECK-NEXT:  stage s { on: web, batch: 2 }
# CHECK-NEXT:        ^
}
# CHECK-NEXT:1 error generated.
