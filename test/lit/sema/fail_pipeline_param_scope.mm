# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A pipeline's parameters are not visible outside it.
pipeline p(rev: int) { stage s { on: web, run: "deploy ${rev}" } }
item i { run: "deploy ${rev}" }
# CHECK:{{.*}}fail_pipeline_param_scope.mm:[[@LINE-1]]:23: error: unknown name 'rev' in '${...}'
# CHECK-NEXT:item i { run: "deploy ${rev}" }
# CHECK-NEXT:                      ^~~~~~
# CHECK-NEXT:1 error generated.
