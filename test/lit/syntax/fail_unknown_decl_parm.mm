# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A misspelt declaration keyword: suggest the keyword, skip the declaration,
# and go on with the next one.
parm revision: int
# CHECK:{{.*}}fail_unknown_decl_parm.mm:[[@LINE-1]]:1: error: unknown declaration 'parm'; did you mean 'param'?
# CHECK-NEXT:parm revision: int
# CHECK-NEXT:^~~~
item next { run: "x" }
# CHECK-NEXT:1 error generated.
