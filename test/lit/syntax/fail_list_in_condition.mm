# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item make_coffee {
  if: [coffee]
# CHECK:{{.*}}fail_list_in_condition.mm:[[@LINE-1]]:7: error: a list is not allowed in a condition
# CHECK-NEXT:  if: [coffee]
# CHECK-NEXT:      ^~~~~~~~
}
# CHECK-NEXT:1 error generated.
