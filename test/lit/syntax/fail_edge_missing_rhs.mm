# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item a {}
item b {}
a ->
item c { depends: b }
# CHECK:{{.*}}fail_edge_missing_rhs.mm:[[@LINE-1]]:1: error: expected a name after '->', found 'item'
# CHECK-NEXT:item c { depends: b }
# CHECK-NEXT:^~~~
# CHECK-NEXT:1 error generated.
