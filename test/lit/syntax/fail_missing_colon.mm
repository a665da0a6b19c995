# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
item get_up {}
item make_coffee {
  depends get_up
  run: "brew"
}
# CHECK:{{.*}}fail_missing_colon.mm:4:10: error: expected ':' after field name 'depends'
# CHECK-NEXT:  depends get_up
# CHECK-NEXT:         ^
# CHECK-NEXT:         :
# CHECK-NEXT:1 error generated.
