# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
resource exec gen { cmd: "gen", depends: conf }
resource file conf { path: "/etc/conf" }
# CHECK:{{.*}}fail_cycle_sendrecv.mm:[[@LINE-1]]:15: error: dependency cycle: conf -> gen -> conf
# CHECK-NEXT:resource file conf { path: "/etc/conf" }
# CHECK-NEXT:              ^~~~
# CHECK:{{.*}}fail_cycle_sendrecv.mm:[[@LINE-5]]:42: note: 'conf' comes before 'gen' here
# CHECK-NEXT:resource exec gen { cmd: "gen", depends: conf }
# CHECK-NEXT:                                         ^~~~
# CHECK:{{.*}}fail_cycle_sendrecv.mm:[[@LINE+3]]:12: note: 'gen' comes before 'conf' here
# CHECK-NEXT:gen.stdout -> conf.content
# CHECK-NEXT:           ^~
gen.stdout -> conf.content
# CHECK-NEXT:1 error generated.
