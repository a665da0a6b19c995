# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
kind widget { in name: string }
kind widget { in size: int }
# CHECK:{{.*}}fail_redefinition_kind.mm:[[@LINE-1]]:6: error: redefinition of kind 'widget'
# CHECK-NEXT:kind widget { in size: int }
# CHECK-NEXT:     ^~~~~~
# CHECK:{{.*}}fail_redefinition_kind.mm:[[@LINE-5]]:6: note: previous definition is here
# CHECK-NEXT:kind widget { in name: string }
# CHECK-NEXT:     ^~~~~~
# CHECK-NEXT:1 error generated.
