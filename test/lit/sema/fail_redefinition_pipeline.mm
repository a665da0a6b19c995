# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
pipeline deploy() { stage a { run: "a" } }
pipeline deploy() { stage b { run: "b" } }
# CHECK:{{.*}}fail_redefinition_pipeline.mm:[[@LINE-1]]:10: error: redefinition of pipeline 'deploy'
# CHECK-NEXT:pipeline deploy() { stage b { run: "b" } }
# CHECK-NEXT:         ^~~~~~
# CHECK:{{.*}}fail_redefinition_pipeline.mm:[[@LINE-5]]:10: note: previous definition is here
# CHECK-NEXT:pipeline deploy() { stage a { run: "a" } }
# CHECK-NEXT:         ^~~~~~
# CHECK-NEXT:1 error generated.
