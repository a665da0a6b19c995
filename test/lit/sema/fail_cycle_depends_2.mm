# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item a { depends: b }
# CHECK:{{.*}}fail_cycle_depends_2.mm:[[@LINE-1]]:6: error: dependency cycle: a -> b -> a
# CHECK-NEXT:item a { depends: b }
# CHECK-NEXT:     ^
# CHECK:{{.*}}fail_cycle_depends_2.mm:[[@LINE+6]]:19: note: 'a' comes before 'b' here
# CHECK-NEXT:item b { depends: a }
# CHECK-NEXT:                  ^
# CHECK:{{.*}}fail_cycle_depends_2.mm:[[@LINE-7]]:19: note: 'b' comes before 'a' here
# CHECK-NEXT:item a { depends: b }
# CHECK-NEXT:                  ^
item b { depends: a }
# CHECK-NEXT:1 error generated.
