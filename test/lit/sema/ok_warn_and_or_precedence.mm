# A warning does not fail check: exit status 0.
# RUN: magicc check %s > /dev/null 2>&1
# RUN: magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# The fix-it shows both parentheses on one line, as clang prints insertions.
item coffee { if: morning & weekday | sunday, run: "brew" }
# CHECK:{{.*}}ok_warn_and_or_precedence.mm:[[@LINE-1]]:37: warning: '&' binds tighter than '|': this reads as '(morning & weekday) | sunday'; make-magic read '|' first; add parentheses to say which is meant
# CHECK-NEXT:item coffee { if: morning & weekday | sunday, run: "brew" }
# CHECK-NEXT:                                    ^
# CHECK-NEXT:                  (                )
# CHECK-NEXT:1 warning generated.
