# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param revision: int
param revision: string
# CHECK:{{.*}}fail_redefinition_param.mm:[[@LINE-1]]:7: error: redefinition of param 'revision'
# CHECK-NEXT:param revision: string
# CHECK-NEXT:      ^~~~~~~~
# CHECK:{{.*}}fail_redefinition_param.mm:[[@LINE-5]]:7: note: previous definition is here
# CHECK-NEXT:param revision: int
# CHECK-NEXT:      ^~~~~~~~
# CHECK-NEXT:1 error generated.
