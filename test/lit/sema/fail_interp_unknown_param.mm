# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param revision: int = 1
item deploy { run: "deploy ${revison}" }
# CHECK:{{.*}}fail_interp_unknown_param.mm:[[@LINE-1]]:28: error: unknown name 'revison' in '${...}'; did you mean 'revision'?
# CHECK-NEXT:item deploy { run: "deploy ${revison}" }
# CHECK-NEXT:                           ^~~~~~~~~~
# CHECK-NEXT:1 error generated.
