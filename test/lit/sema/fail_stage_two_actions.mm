# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
resource pkg nginx { name: "nginx" }
pipeline p() {
  stage s { on: web, run: "x", apply: [nginx] }
# CHECK:{{.*}}fail_stage_two_actions.mm:[[@LINE-1]]:9: error: stage 's' needs exactly one of run:, call: or apply:; it has several
# CHECK-NEXT:  stage s { on: web, run: "x", apply: [nginx] }
# CHECK-NEXT:        ^
}
# CHECK-NEXT:1 error generated.
