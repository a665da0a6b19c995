# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
pipeline p() { stage s { on: web, run: "x", sudo: "yes" } }
# CHECK:{{.*}}fail_type_bool_expected.mm:[[@LINE-1]]:51: error: 'sudo' expects bool, found the string "yes"
# CHECK-NEXT:pipeline p() { stage s { on: web, run: "x", sudo: "yes" } }
# CHECK-NEXT:                                                  ^~~~~
# CHECK-NEXT:1 error generated.
