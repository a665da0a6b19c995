# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item a {
  if: cluster != & web
# CHECK:{{.*}}fail_neq_missing_rhs.mm:[[@LINE-1]]:18: error: expected a string or a '$param' after '!=', found '&'
# CHECK-NEXT:  if: cluster != & web
# CHECK-NEXT:                 ^
}
# CHECK-NEXT:1 error generated.
