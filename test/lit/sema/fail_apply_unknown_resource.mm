# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A stage's apply: names resources; an unknown one is an error.
resource pkg nginx { name: "nginx" }
pipeline web() {
  stage install { on: frontend, apply: [nginx, nginx_conf] }
# CHECK:{{.*}}fail_apply_unknown_resource.mm:[[@LINE-1]]:48: error: unknown resource 'nginx_conf'
# CHECK-NEXT:  stage install { on: frontend, apply: [nginx, nginx_conf] }
# CHECK-NEXT:                                               ^~~~~~~~~~
}
# CHECK-NEXT:1 error generated.
