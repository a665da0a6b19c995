# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A pipeline always has a parameter list, even an empty one: deploy() { }.
pipeline deploy {
# CHECK:{{.*}}fail_pipeline_missing_lparen.mm:[[@LINE-1]]:17: error: expected '(', found '{'
# CHECK-NEXT:pipeline deploy {
# CHECK-NEXT:                ^
  stage upgrade { run: "appmgr upgrade" }
}
# CHECK-NEXT:1 error generated.
