# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param token: secret
resource file motd { path: "/etc/motd", mode: token }
# CHECK:{{.*}}fail_secret_param_bare_nonsecret.mm:[[@LINE-1]]:47: error: secret 'token' would flow into non-secret field 'mode' of kind 'file'
# CHECK-NEXT:resource file motd { path: "/etc/motd", mode: token }
# CHECK-NEXT:                                              ^~~~~
# CHECK-NEXT:1 error generated.
