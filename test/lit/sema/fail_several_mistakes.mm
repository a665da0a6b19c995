# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# Independent mistakes, each reported once.
item a { depends: missing, retries: -2 }
# CHECK:{{.*}}fail_several_mistakes.mm:[[@LINE-1]]:19: error: unknown item or resource 'missing'
# CHECK-NEXT:item a { depends: missing, retries: -2 }
# CHECK-NEXT:                  ^~~~~~~
# CHECK:{{.*}}fail_several_mistakes.mm:[[@LINE-4]]:37: error: 'retries' must be >= 0, found -2
# CHECK-NEXT:item a { depends: missing, retries: -2 }
# CHECK-NEXT:                                    ^~
resource fiel f { path: "/x" }
# CHECK:{{.*}}fail_several_mistakes.mm:[[@LINE-1]]:10: error: unknown kind 'fiel'; did you mean 'file'?
# CHECK-NEXT:resource fiel f { path: "/x" }
# CHECK-NEXT:         ^~~~
resource svc s { name: "s", state: "stoped" }
# CHECK:{{.*}}fail_several_mistakes.mm:[[@LINE-1]]:36: error: "stoped" is not one of "running" | "stopped"
# CHECK-NEXT:resource svc s { name: "s", state: "stoped" }
# CHECK-NEXT:                                   ^~~~~~~~
pipeline p() { stage x { on: web, batch: 0, run: "r ${nope}" } }
# CHECK:{{.*}}fail_several_mistakes.mm:[[@LINE-1]]:42: error: 'batch' must be >= 1, found 0
# CHECK-NEXT:pipeline p() { stage x { on: web, batch: 0, run: "r ${nope}" } }
# CHECK-NEXT:                                         ^
# CHECK:{{.*}}fail_several_mistakes.mm:[[@LINE-4]]:53: error: unknown name 'nope' in '${...}'
# CHECK-NEXT:pipeline p() { stage x { on: web, batch: 0, run: "r ${nope}" } }
# CHECK-NEXT:                                                    ^~~~~~~
# CHECK-NEXT:6 errors generated.
