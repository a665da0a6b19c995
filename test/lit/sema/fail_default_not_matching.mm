# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param cluster: string matches "^[a-z]+$" = "Alfa1"
# CHECK:{{.*}}fail_default_not_matching.mm:[[@LINE-1]]:44: error: default value "Alfa1" does not match "^[a-z]+$"
# CHECK-NEXT:param cluster: string matches "^[a-z]+$" = "Alfa1"
# CHECK-NEXT:                                           ^~~~~~~
# CHECK-NEXT:1 error generated.
