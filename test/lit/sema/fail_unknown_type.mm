# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param cluster: strin
# CHECK:{{.*}}fail_unknown_type.mm:[[@LINE-1]]:16: error: unknown type 'strin'; did you mean 'string'?
# CHECK-NEXT:param cluster: strin
# CHECK-NEXT:               ^~~~~
# CHECK-NEXT:1 error generated.
