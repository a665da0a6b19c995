# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item a { depends: c }
# CHECK:{{.*}}fail_cycle_mixed_3.mm:[[@LINE-1]]:6: error: dependency cycle: a -> b -> c -> a
# CHECK-NEXT:item a { depends: c }
# CHECK-NEXT:     ^
# CHECK:{{.*}}fail_cycle_mixed_3.mm:[[@LINE+11]]:3: note: 'a' comes before 'b' here
# CHECK-NEXT:a -> b
# CHECK-NEXT:  ^~
# CHECK:{{.*}}fail_cycle_mixed_3.mm:[[@LINE+9]]:3: note: 'b' comes before 'c' here
# CHECK-NEXT:b ~> c
# CHECK-NEXT:  ^~
# CHECK:{{.*}}fail_cycle_mixed_3.mm:[[@LINE-10]]:19: note: 'c' comes before 'a' here
# CHECK-NEXT:item a { depends: c }
# CHECK-NEXT:                  ^
item b {}
resource svc c { name: "c" }
a -> b
b ~> c
# CHECK-NEXT:1 error generated.
