# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item a {
  if: "alfa" == "alfa"
# CHECK:{{.*}}fail_compare_lhs_not_name.mm:[[@LINE-1]]:7: error: the left side of '==' must be a host var name such as 'cluster'
# CHECK-NEXT:  if: "alfa" == "alfa"
# CHECK-NEXT:      ^~~~~~
}
# CHECK-NEXT:1 error generated.
