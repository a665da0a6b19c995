# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param revision: int = "20"
# CHECK:{{.*}}fail_param_default_type.mm:[[@LINE-1]]:23: error: param 'revision' expects int, found the string "20"
# CHECK-NEXT:param revision: int = "20"
# CHECK-NEXT:                      ^~~~
param wait: duration = 10
# CHECK:{{.*}}fail_param_default_type.mm:[[@LINE-1]]:24: error: param 'wait' expects duration, found the integer 10
# CHECK-NEXT:param wait: duration = 10
# CHECK-NEXT:                       ^~
param on_: bool = "true"
# CHECK:{{.*}}fail_param_default_type.mm:[[@LINE-1]]:19: error: param 'on_' expects bool, found the string "true"
# CHECK-NEXT:param on_: bool = "true"
# CHECK-NEXT:                  ^~~~~~
# CHECK-NEXT:3 errors generated.
