# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
resource exec probe { cmd: "probe" }
resource file conf { path: "/etc/conf" }
probe.exit_code -> conf.mode
# CHECK:{{.*}}fail_send_int_into_string.mm:[[@LINE-1]]:20: error: cannot send int 'probe.exit_code' into string input 'conf.mode'
# CHECK-NEXT:probe.exit_code -> conf.mode
# CHECK-NEXT:                   ^~~~~~~~~
# CHECK-NEXT:1 error generated.
