# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# checksum is an out field of file: it cannot be set.
resource file motd { path: "/etc/motd", checksum: "abc" }
# CHECK:{{.*}}fail_set_output_field.mm:[[@LINE-1]]:41: error: 'checksum' is an output of kind 'file'; it is set by the resource, not by the program
# CHECK-NEXT:resource file motd { path: "/etc/motd", checksum: "abc" }
# CHECK-NEXT:                                        ^~~~~~~~
# CHECK-NEXT:1 error generated.
