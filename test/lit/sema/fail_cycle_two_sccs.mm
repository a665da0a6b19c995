# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# Each strongly connected set is reported once.
item a { depends: b }
# CHECK:{{.*}}fail_cycle_two_sccs.mm:[[@LINE-1]]:6: error: dependency cycle: a -> b -> a
# CHECK-NEXT:item a { depends: b }
# CHECK-NEXT:     ^
# CHECK:{{.*}}fail_cycle_two_sccs.mm:[[@LINE+6]]:19: note: 'a' comes before 'b' here
# CHECK-NEXT:item b { depends: a }
# CHECK-NEXT:                  ^
# CHECK:{{.*}}fail_cycle_two_sccs.mm:[[@LINE-7]]:19: note: 'b' comes before 'a' here
# CHECK-NEXT:item a { depends: b }
# CHECK-NEXT:                  ^
item b { depends: a }
item c { depends: d }
# CHECK:{{.*}}fail_cycle_two_sccs.mm:[[@LINE-1]]:6: error: dependency cycle: c -> d -> c
# CHECK-NEXT:item c { depends: d }
# CHECK-NEXT:     ^
# CHECK:{{.*}}fail_cycle_two_sccs.mm:[[@LINE+6]]:19: note: 'c' comes before 'd' here
# CHECK-NEXT:item d { depends: c }
# CHECK-NEXT:                  ^
# CHECK:{{.*}}fail_cycle_two_sccs.mm:[[@LINE-7]]:19: note: 'd' comes before 'c' here
# CHECK-NEXT:item c { depends: d }
# CHECK-NEXT:                  ^
item d { depends: c }
# CHECK-NEXT:2 errors generated.
