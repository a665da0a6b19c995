# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# Two mistakes in two items: both are reported, and nothing else.
item get_up {}
item make_coffee {
  depends get_up
# CHECK:{{.*}}fail_two_items.mm:[[@LINE-1]]:10: error: expected ':' after field name 'depends'
# CHECK-NEXT:  depends get_up
# CHECK-NEXT:         ^
# CHECK-NEXT:         :
  run: "brew"
}
item drink {
  depends: make_coffee
  if: coffee &
}
# CHECK-NEXT:{{.*}}fail_two_items.mm:[[@LINE-1]]:1: error: expected a condition after '&', found '}'
# CHECK-NEXT:}
# CHECK-NEXT:^
# CHECK-NEXT:2 errors generated.
