# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item deploy { run: "deploy", retries: -1 }
# CHECK:{{.*}}fail_retries_negative.mm:[[@LINE-1]]:39: error: 'retries' must be >= 0, found -1
# CHECK-NEXT:item deploy { run: "deploy", retries: -1 }
# CHECK-NEXT:                                      ^~
# CHECK-NEXT:1 error generated.
