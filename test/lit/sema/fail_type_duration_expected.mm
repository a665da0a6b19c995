# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# An int is not a duration.
item deploy { run: "deploy", timeout: 5 }
# CHECK:{{.*}}fail_type_duration_expected.mm:[[@LINE-1]]:39: error: 'timeout' expects duration, found the integer 5
# CHECK-NEXT:item deploy { run: "deploy", timeout: 5 }
# CHECK-NEXT:                                      ^
# CHECK-NEXT:1 error generated.
