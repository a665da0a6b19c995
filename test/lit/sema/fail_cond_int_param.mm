# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param revision: int = 1
pipeline p() { stage s { on: app & rev == $revision, run: "x" } }
# CHECK:{{.*}}fail_cond_int_param.mm:[[@LINE-1]]:43: error: a comparison expects a string param, found param 'revision' of type int
# CHECK-NEXT:pipeline p() { stage s { on: app & rev == $revision, run: "x" } }
# CHECK-NEXT:                                          ^~~~~~~~~
# CHECK-NEXT:1 error generated.
