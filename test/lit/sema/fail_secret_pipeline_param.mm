# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
pipeline p(token: secret) {
  stage s { on: web, call: "auth.login", args: { token: "${token}" } }
# CHECK:{{.*}}fail_secret_pipeline_param.mm:[[@LINE-1]]:58: error: secret 'token' would be interpolated into 'args' in clear
# CHECK-NEXT:  stage s { on: web, call: "auth.login", args: { token: "${token}" } }
# CHECK-NEXT:                                                         ^~~~~~~~
}
# CHECK-NEXT:1 error generated.
