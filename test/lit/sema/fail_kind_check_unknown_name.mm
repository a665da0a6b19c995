# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param global_thing: string = "x"
kind widget {
  in name: string
  check: "widget status ${nmae}"
# CHECK:{{.*}}fail_kind_check_unknown_name.mm:[[@LINE-1]]:25: error: only the fields of kind 'widget' can be interpolated in its check:, and 'nmae' is not one; did you mean 'name'?
# CHECK-NEXT:  check: "widget status ${nmae}"
# CHECK-NEXT:                        ^~~~~~~
  apply: "widget set ${name} ${global_thing}"
# CHECK:{{.*}}fail_kind_check_unknown_name.mm:[[@LINE-1]]:30: error: only the fields of kind 'widget' can be interpolated in its apply:, and 'global_thing' is not one
# CHECK-NEXT:  apply: "widget set ${name} ${global_thing}"
# CHECK-NEXT:                             ^~~~~~~~~~~~~~~
}
# CHECK-NEXT:2 errors generated.
