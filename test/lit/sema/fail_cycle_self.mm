# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item a { depends: a }
# CHECK:{{.*}}fail_cycle_self.mm:[[@LINE-1]]:6: error: dependency cycle: a -> a
# CHECK-NEXT:item a { depends: a }
# CHECK-NEXT:     ^
# CHECK:{{.*}}fail_cycle_self.mm:[[@LINE-4]]:19: note: 'a' comes before 'a' here
# CHECK-NEXT:item a { depends: a }
# CHECK-NEXT:                  ^
# CHECK-NEXT:1 error generated.
