# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param revision:
item a { run: "deploy ${revision}" }
# CHECK:{{.*}}fail_param_missing_type.mm:[[@LINE-1]]:1: error: expected a type (bool, int, string, duration, secret, list[T], map[T] or "a" | "b"), found 'item'
# CHECK-NEXT:item a { run: "deploy ${revision}" }
# CHECK-NEXT:^~~~
# CHECK-NEXT:1 error generated.
