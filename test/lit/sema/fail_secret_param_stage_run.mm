# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param token: secret
pipeline p() { stage s { on: web, run: "deploy --token ${token}" } }
# CHECK:{{.*}}fail_secret_param_stage_run.mm:[[@LINE-1]]:56: error: secret 'token' would be interpolated into 'run' in clear
# CHECK-NEXT:pipeline p() { stage s { on: web, run: "deploy --token ${token}" } }
# CHECK-NEXT:                                                       ^~~~~~~~
# CHECK-NEXT:1 error generated.
