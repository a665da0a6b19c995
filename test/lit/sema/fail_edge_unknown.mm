# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item build {}
item test {}
biuld -> test -> deploy
# CHECK:{{.*}}fail_edge_unknown.mm:[[@LINE-1]]:1: error: unknown item or resource 'biuld'; did you mean 'build'?
# CHECK-NEXT:biuld -> test -> deploy
# CHECK-NEXT:^~~~~
# CHECK:{{.*}}fail_edge_unknown.mm:[[@LINE-4]]:18: error: unknown item or resource 'deploy'
# CHECK-NEXT:biuld -> test -> deploy
# CHECK-NEXT:                 ^~~~~~
# CHECK-NEXT:2 errors generated.
