# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
resource file motd { path: "/etc/motd", mode: 644 }
# CHECK:{{.*}}fail_type_int_into_string.mm:[[@LINE-1]]:47: error: field 'mode' of kind 'file' expects string, found the integer 644
# CHECK-NEXT:resource file motd { path: "/etc/motd", mode: 644 }
# CHECK-NEXT:                                              ^~~
# CHECK-NEXT:                                              "644"
# CHECK-NEXT:1 error generated.
