# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item deploy { run: "deploy", retries: "3" }
# CHECK:{{.*}}fail_type_string_into_int.mm:[[@LINE-1]]:39: error: 'retries' expects int, found the string "3"
# CHECK-NEXT:item deploy { run: "deploy", retries: "3" }
# CHECK-NEXT:                                      ^~~
# CHECK-NEXT:1 error generated.
