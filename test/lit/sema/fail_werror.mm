# With --Werror the precedence warning is an error: exit status 1.
# RUN: magicc check --Werror %s > /dev/null 2>&1; test $? -eq 1
# RUN: not magicc check --Werror %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
item coffee { if: a | b & c }
# CHECK:{{.*}}fail_werror.mm:[[@LINE-1]]:21: error: '&' binds tighter than '|': this reads as 'a | (b & c)'; make-magic read '|' first; add parentheses to say which is meant
# CHECK-NEXT:item coffee { if: a | b & c }
# CHECK-NEXT:                    ^
# CHECK-NEXT:                      (    )
# CHECK-NEXT:1 error generated.
