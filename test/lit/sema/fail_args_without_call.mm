# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
pipeline p() {
  stage s { on: web, run: "x", args: { mem: 1024 } }
# CHECK:{{.*}}fail_args_without_call.mm:[[@LINE-1]]:32: error: args: is only used with call:
# CHECK-NEXT:  stage s { on: web, run: "x", args: { mem: 1024 } }
# CHECK-NEXT:                               ^~~~
}
# CHECK-NEXT:1 error generated.
