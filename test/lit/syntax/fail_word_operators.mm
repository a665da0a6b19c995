# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# 'and'/'or' in a condition: say which operator magic spells it with, as a fix-it.
item a { if: os.debian and web }
# CHECK:{{.*}}fail_word_operators.mm:[[@LINE-1]]:24: error: 'and' is not an operator in a condition; write '&'
# CHECK-NEXT:item a { if: os.debian and web }
# CHECK-NEXT:                       ^~~
# CHECK-NEXT:                       &
item b { if: web or db }
# CHECK:{{.*}}fail_word_operators.mm:[[@LINE-1]]:18: error: 'or' is not an operator in a condition; write '|'
# CHECK:2 errors generated.
