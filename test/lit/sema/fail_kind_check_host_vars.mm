# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
kind widget {
  in name: string
  check: "widget ${name} ${host.vars.cluster}"
# CHECK:{{.*}}fail_kind_check_host_vars.mm:[[@LINE-1]]:26: error: only the fields of kind 'widget' can be interpolated in its check:, and 'host.vars.cluster' is not one
# CHECK-NEXT:  check: "widget ${name} ${host.vars.cluster}"
# CHECK-NEXT:                         ^~~~~~~~~~~~~~~~~~~~
  apply: "widget set ${name}"
}
# CHECK-NEXT:1 error generated.
