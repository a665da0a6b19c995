# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param cluster: string matches "^[a-z+$"
# CHECK:{{.*}}fail_invalid_regex.mm:[[@LINE-1]]:31: error: invalid regular expression: missing ]: [a-z+$
# CHECK-NEXT:param cluster: string matches "^[a-z+$"
# CHECK-NEXT:                              ^~~~~~~~~
# CHECK-NEXT:1 error generated.
