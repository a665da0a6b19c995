# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# An item runs on every run: '~>' into it is rejected (fix-it '->'); an exec
# with refresh_only: true is what runs only when refreshed.
resource file conf { path: "/etc/app.conf", content: "x" }
item reload { run: "reload" }
resource exec restart { cmd: "restart", refresh_only: true }
conf ~> reload
# CHECK:{{.*}}fail_refresh_into_item.mm:[[@LINE-1]]:6: error: '~>' refreshes a resource, but 'reload' is an item, which runs on every run; write '->' to order it, or make it 'resource exec reload { cmd: ..., refresh_only: true }' to run only when refreshed
# CHECK-NEXT:conf ~> reload
# CHECK-NEXT:     ^~
# CHECK-NEXT:     ->
conf ~> restart
# CHECK-NEXT:1 error generated.
