# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
resource password a {}
resource password b {}
resource file conf { path: "/etc/conf" }
a.value -> conf.content
b.value -> conf.content
# CHECK:{{.*}}fail_send_two_senders.mm:[[@LINE-1]]:12: error: input 'conf.content' already receives a value from 'a.value'
# CHECK-NEXT:b.value -> conf.content
# CHECK-NEXT:           ^~~~~~~~~~~~
# CHECK:{{.*}}fail_send_two_senders.mm:[[@LINE-5]]:1: note: the other value comes from here
# CHECK-NEXT:a.value -> conf.content
# CHECK-NEXT:^~~~~~~
# CHECK-NEXT:1 error generated.
