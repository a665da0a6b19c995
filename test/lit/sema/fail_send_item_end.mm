# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item warm {}
resource file conf { path: "/etc/conf" }
warm.value -> conf.content
# CHECK:{{.*}}fail_send_item_end.mm:[[@LINE-1]]:1: error: 'warm' is an item; only resources have fields to send or receive
# CHECK-NEXT:warm.value -> conf.content
# CHECK-NEXT:^~~~
# CHECK-NEXT:1 error generated.
