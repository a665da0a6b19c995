# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
pipeline deploy(revision: int {
# CHECK:{{.*}}fail_pipeline_missing_rparen.mm:[[@LINE-1]]:31: error: expected ')', found '{'
# CHECK-NEXT:pipeline deploy(revision: int {
# CHECK-NEXT:                              ^
  stage upgrade { run: "appmgr upgrade --revision ${revision}" }
}
# CHECK-NEXT:1 error generated.
