# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param cluster: string = "alfa"
pipeline p() { stage s { on: app & cluster == $clustr, run: "x" } }
# CHECK:{{.*}}fail_cond_unknown_param.mm:[[@LINE-1]]:47: error: unknown param '$clustr'; did you mean 'cluster'?
# CHECK-NEXT:pipeline p() { stage s { on: app & cluster == $clustr, run: "x" } }
# CHECK-NEXT:                                              ^~~~~~~
# CHECK-NEXT:1 error generated.
