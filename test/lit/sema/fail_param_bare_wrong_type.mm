# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param size: string = "2"
pipeline p() { stage s { on: web, run: "x", batch: size } }
# CHECK:{{.*}}fail_param_bare_wrong_type.mm:[[@LINE-1]]:52: error: 'batch' expects int, found param 'size' of type string
# CHECK-NEXT:pipeline p() { stage s { on: web, run: "x", batch: size } }
# CHECK-NEXT:                                                   ^~~~
# CHECK-NEXT:1 error generated.
