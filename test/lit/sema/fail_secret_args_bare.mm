# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# args are sent in clear like a command line; a secret param by bare name must not go there.
param token: secret
pipeline p() { stage s { on: web, call: "auth.login", args: { user: "ops", token: token } } }
# CHECK:{{.*}}fail_secret_args_bare.mm:[[@LINE-1]]:83: error: secret 'token' would be interpolated into 'args' in clear
# CHECK-NEXT:pipeline p() { stage s { on: web, call: "auth.login", args: { user: "ops", token: token } } }
# CHECK-NEXT:                                                                                  ^~~~~
# CHECK-NEXT:1 error generated.
