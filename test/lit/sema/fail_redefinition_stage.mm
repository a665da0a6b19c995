# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
pipeline deploy() {
  stage build { run: "make" }
  stage build { run: "make install" }
# CHECK:{{.*}}fail_redefinition_stage.mm:[[@LINE-1]]:9: error: redefinition of stage 'build'
# CHECK-NEXT:  stage build { run: "make install" }
# CHECK-NEXT:        ^~~~~
# CHECK:{{.*}}fail_redefinition_stage.mm:[[@LINE-5]]:9: note: previous definition is here
# CHECK-NEXT:  stage build { run: "make" }
# CHECK-NEXT:        ^~~~~
}
# CHECK-NEXT:1 error generated.
