# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param port: int[string]
# CHECK:{{.*}}fail_type_takes_no_argument.mm:[[@LINE-1]]:13: error: type 'int' takes no element type
# CHECK-NEXT:param port: int[string]
# CHECK-NEXT:            ^~~
# CHECK-NEXT:1 error generated.
