# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param services: list[string] = ["nginx"]
pipeline p() { stage s { on: web, foreach: servces, run: "systemctl restart ${each}" } }
# CHECK:{{.*}}fail_param_bare_unknown.mm:[[@LINE-1]]:44: error: unknown param 'servces'; did you mean 'services'?
# CHECK-NEXT:pipeline p() { stage s { on: web, foreach: servces, run: "systemctl restart ${each}" } }
# CHECK-NEXT:                                           ^~~~~~~
# CHECK-NEXT:1 error generated.
