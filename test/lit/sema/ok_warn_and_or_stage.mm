# The warning also applies to host selectors; '|' before '&' reads the other way round.
# RUN: magicc check %s > /dev/null 2>&1
# RUN: magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
pipeline p() { stage s { on: web | db & os.debian, run: "x" } }
# CHECK:{{.*}}ok_warn_and_or_stage.mm:[[@LINE-1]]:34: warning: '&' binds tighter than '|': this reads as 'web | (db & os.debian)'; make-magic read '|' first; add parentheses to say which is meant
# CHECK-NEXT:pipeline p() { stage s { on: web | db & os.debian, run: "x" } }
# CHECK-NEXT:                                 ^
# CHECK-NEXT:                                   (             )
# CHECK-NEXT:1 warning generated.
