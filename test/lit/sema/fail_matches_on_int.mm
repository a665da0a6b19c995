# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param revision: int matches "^[0-9]+$"
# CHECK:{{.*}}fail_matches_on_int.mm:[[@LINE-1]]:29: error: 'matches' applies to string params; 'revision' is int
# CHECK-NEXT:param revision: int matches "^[0-9]+$"
# CHECK-NEXT:                            ^~~~~~~~~~
# CHECK-NEXT:1 error generated.
