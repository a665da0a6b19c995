# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item a { if: x & ! }
# CHECK:{{.*}}fail_not_missing_operand.mm:[[@LINE-1]]:20: error: expected a condition after '!', found '}'
# CHECK-NEXT:item a { if: x & ! }
# CHECK-NEXT:                   ^
# CHECK-NEXT:1 error generated.
