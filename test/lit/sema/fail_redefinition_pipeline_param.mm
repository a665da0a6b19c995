# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
pipeline deploy(rev: int, rev: string) { stage a { run: "deploy ${rev}" } }
# CHECK:{{.*}}fail_redefinition_pipeline_param.mm:[[@LINE-1]]:27: error: redefinition of param 'rev'
# CHECK-NEXT:pipeline deploy(rev: int, rev: string) { stage a { run: "deploy ${rev}" } }
# CHECK-NEXT:                          ^~~
# CHECK:{{.*}}fail_redefinition_pipeline_param.mm:[[@LINE-4]]:17: note: previous definition is here
# CHECK-NEXT:pipeline deploy(rev: int, rev: string) { stage a { run: "deploy ${rev}" } }
# CHECK-NEXT:                ^~~
# CHECK-NEXT:1 error generated.
