# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param hosts: list[strng] = []
# CHECK:{{.*}}fail_unknown_type_nested.mm:[[@LINE-1]]:19: error: unknown type 'strng'; did you mean 'string'?
# CHECK-NEXT:param hosts: list[strng] = []
# CHECK-NEXT:                  ^~~~~
param limits: map[itn] = {}
# CHECK:{{.*}}fail_unknown_type_nested.mm:[[@LINE-1]]:19: error: unknown type 'itn'; did you mean 'int'?
# CHECK-NEXT:param limits: map[itn] = {}
# CHECK-NEXT:                  ^~~
# CHECK-NEXT:2 errors generated.
