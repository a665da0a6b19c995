# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
host fe001 { address: "10.0.0.1", port: 70000 }
# CHECK:{{.*}}fail_port_range.mm:[[@LINE-1]]:41: error: 'port' must be between 1 and 65535, found 70000
# CHECK-NEXT:host fe001 { address: "10.0.0.1", port: 70000 }
# CHECK-NEXT:                                        ^~~~~
host fe002 { address: "10.0.0.2", port: 0 }
# CHECK:{{.*}}fail_port_range.mm:[[@LINE-1]]:41: error: 'port' must be between 1 and 65535, found 0
# CHECK-NEXT:host fe002 { address: "10.0.0.2", port: 0 }
# CHECK-NEXT:                                        ^
# CHECK-NEXT:2 errors generated.
