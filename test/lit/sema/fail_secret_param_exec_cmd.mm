# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param token: secret
resource exec login { cmd: "login ${token}" }
# CHECK:{{.*}}fail_secret_param_exec_cmd.mm:[[@LINE-1]]:35: error: secret 'token' would be interpolated into field 'cmd' of kind 'exec' in clear
# CHECK-NEXT:resource exec login { cmd: "login ${token}" }
# CHECK-NEXT:                                  ^~~~~~~~
# CHECK-NEXT:1 error generated.
