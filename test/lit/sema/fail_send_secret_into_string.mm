# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# password.value is a secret; exec's cmd is a plain string shown in logs.
resource password pw {}
resource exec setpw {}
pw.value -> setpw.cmd
# CHECK:{{.*}}fail_send_secret_into_string.mm:[[@LINE-1]]:13: error: secret 'pw.value' would flow into non-secret input 'setpw.cmd'
# CHECK-NEXT:pw.value -> setpw.cmd
# CHECK-NEXT:            ^~~~~~~~~
# CHECK-NEXT:1 error generated.
