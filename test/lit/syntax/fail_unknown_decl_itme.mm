# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A misspelt declaration keyword: suggest the keyword, skip the declaration,
# and go on with the next one.
itme make_coffee { run: "brew" }
# CHECK:{{.*}}fail_unknown_decl_itme.mm:[[@LINE-1]]:1: error: unknown declaration 'itme'; did you mean 'item'?
# CHECK-NEXT:itme make_coffee { run: "brew" }
# CHECK-NEXT:^~~~
item next { run: "x" }
# CHECK-NEXT:1 error generated.
