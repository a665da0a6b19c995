# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item a { if: cluster == }
# CHECK:{{.*}}fail_eq_missing_rhs.mm:[[@LINE-1]]:25: error: expected a string or a '$param' after '==', found '}'
# CHECK-NEXT:item a { if: cluster == }
# CHECK-NEXT:                        ^
# CHECK-NEXT:1 error generated.
