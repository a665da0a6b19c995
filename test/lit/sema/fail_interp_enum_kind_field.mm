# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# In a kind's check:, host.* and params are not visible.
param p: string = "x"
kind widget {
  in name: string
  check: "widget ${host.name} ${p}"
# CHECK:{{.*}}fail_interp_enum_kind_field.mm:[[@LINE-1]]:18: error: only the fields of kind 'widget' can be interpolated in its check:, and 'host.name' is not one
# CHECK-NEXT:  check: "widget ${host.name} ${p}"
# CHECK-NEXT:                 ^~~~~~~~~~~~
# CHECK:{{.*}}fail_interp_enum_kind_field.mm:[[@LINE-4]]:31: error: only the fields of kind 'widget' can be interpolated in its check:, and 'p' is not one
# CHECK-NEXT:  check: "widget ${host.name} ${p}"
# CHECK-NEXT:                              ^~~~
  apply: "widget set ${name}"
}
# CHECK-NEXT:2 errors generated.
