# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# Several independent mistakes in one stage.
pipeline p(n: int = 1) {
  stage x { on: web, concurrency: 0, per_host: "1", timeout: 3, sudo: 1, run: "x ${each}" }
# CHECK:{{.*}}fail_several_in_stage.mm:[[@LINE-1]]:35: error: 'concurrency' must be >= 1, found 0
# CHECK-NEXT:  stage x { on: web, concurrency: 0, per_host: "1", timeout: 3, sudo: 1, run: "x ${each}" }
# CHECK-NEXT:                                  ^
# CHECK:{{.*}}fail_several_in_stage.mm:[[@LINE-4]]:48: error: 'per_host' expects int, found the string "1"
# CHECK-NEXT:  stage x { on: web, concurrency: 0, per_host: "1", timeout: 3, sudo: 1, run: "x ${each}" }
# CHECK-NEXT:                                               ^~~
# CHECK:{{.*}}fail_several_in_stage.mm:[[@LINE-7]]:62: error: 'timeout' expects duration, found the integer 3
# CHECK-NEXT:  stage x { on: web, concurrency: 0, per_host: "1", timeout: 3, sudo: 1, run: "x ${each}" }
# CHECK-NEXT:                                                             ^
# CHECK:{{.*}}fail_several_in_stage.mm:[[@LINE-10]]:71: error: 'sudo' expects bool, found the integer 1
# CHECK-NEXT:  stage x { on: web, concurrency: 0, per_host: "1", timeout: 3, sudo: 1, run: "x ${each}" }
# CHECK-NEXT:                                                                      ^
# CHECK:{{.*}}fail_several_in_stage.mm:[[@LINE-13]]:82: error: '${each}' is only defined in a stage with foreach:
# CHECK-NEXT:  stage x { on: web, concurrency: 0, per_host: "1", timeout: 3, sudo: 1, run: "x ${each}" }
# CHECK-NEXT:                                                                                 ^~~~~~~
}
# CHECK-NEXT:5 errors generated.
