# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A stage belongs in a pipeline; at top level it is one error, not a cascade.
stage upgrade { run: "appmgr upgrade" }
# CHECK:{{.*}}fail_stage_outside_pipeline.mm:[[@LINE-1]]:1: error: a stage can only appear inside a pipeline
# CHECK-NEXT:stage upgrade { run: "appmgr upgrade" }
# CHECK-NEXT:^~~~~
item b { run: "x" }
# CHECK-NEXT:1 error generated.
