# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
resource file f { path: "/x", path: "/y" }
# CHECK:{{.*}}fail_resource_field_twice.mm:[[@LINE-1]]:31: error: field 'path' is set more than once
# CHECK-NEXT:resource file f { path: "/x", path: "/y" }
# CHECK-NEXT:                              ^~~~
# CHECK:{{.*}}fail_resource_field_twice.mm:[[@LINE-4]]:19: note: first value declared here
# CHECK-NEXT:resource file f { path: "/x", path: "/y" }
# CHECK-NEXT:                  ^~~~
# CHECK-NEXT:1 error generated.
