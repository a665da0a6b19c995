# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# '=>' is not an arrow: one error for the two characters.
item a {}
item b {}
a => b
# CHECK:{{.*}}fail_edge_wrong_arrow.mm:[[@LINE-1]]:3: error: '=>' is not an arrow; write '->' for ordering or '~>' for refresh
# CHECK-NEXT:a => b
# CHECK-NEXT:  ^~
# CHECK-NEXT:  ->
item c { depends: b }
# CHECK-NEXT:1 error generated.
