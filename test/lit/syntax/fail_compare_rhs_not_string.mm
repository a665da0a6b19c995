# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# The value compared with must be quoted (or be a '$param').
item a {
  if: cluster == alfa
# CHECK:{{.*}}fail_compare_rhs_not_string.mm:[[@LINE-1]]:18: error: the right side of '==' must be a string or a '$param'
# CHECK-NEXT:  if: cluster == alfa
# CHECK-NEXT:                 ^~~~
}
# CHECK-NEXT:1 error generated.
