# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# The built-in kinds are in the same namespace as user kinds.
kind file { in path: string }
# CHECK:{{.*}}fail_redefinition_builtin_kind.mm:[[@LINE-1]]:6: error: redefinition of kind 'file'
# CHECK-NEXT:kind file { in path: string }
# CHECK-NEXT:     ^~~~
# CHECK:{{.*}}core.mm:4:6: note: previous definition is here
# CHECK-NEXT:kind file {
# CHECK-NEXT:     ^~~~
# CHECK-NEXT:1 error generated.
