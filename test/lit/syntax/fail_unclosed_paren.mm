# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item a {
  if: (x & y }
# CHECK:{{.*}}fail_unclosed_paren.mm:[[@LINE-1]]:14: error: expected ')' to close the parenthesis, found '}'
# CHECK-NEXT:  if: (x & y }
# CHECK-NEXT:             ^
# CHECK-NEXT:{{.*}}fail_unclosed_paren.mm:[[@LINE-4]]:7: note: '(' opened here
# CHECK-NEXT:  if: (x & y }
# CHECK-NEXT:      ^
item b { depends: a }
# CHECK-NEXT:1 error generated.
