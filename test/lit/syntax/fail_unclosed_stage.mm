# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A stage's missing '}' is reported where the next stage starts; the next
# stage parses normally.
pipeline deploy() {
  stage build {
    run: "make"
# CHECK:{{.*}}fail_unclosed_stage.mm:[[@LINE+1]]:3: error: expected '}' to close stage 'build', found 'stage'
  stage ship { run: "make install" }
# CHECK-NEXT:  stage ship { run: "make install" }
# CHECK-NEXT:  ^~~~~
# CHECK-NEXT:{{.*}}fail_unclosed_stage.mm:[[@LINE-6]]:15: note: '{' opened here
# CHECK-NEXT:  stage build {
# CHECK-NEXT:              ^
}
# CHECK-NEXT:1 error generated.
