# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
host fe001 { address: "10.0.0.1", vars: { cluster: ["a"] }, tags: "web" }
# CHECK:{{.*}}fail_host_vars_type.mm:[[@LINE-1]]:52: error: host var 'cluster' expects a string, an integer or a bool, found a list
# CHECK-NEXT:host fe001 { address: "10.0.0.1", vars: { cluster: ["a"] }, tags: "web" }
# CHECK-NEXT:                                                   ^~~~~
# CHECK:{{.*}}fail_host_vars_type.mm:[[@LINE-4]]:67: error: 'tags' expects a list of tags, found the string "web"
# CHECK-NEXT:host fe001 { address: "10.0.0.1", vars: { cluster: ["a"] }, tags: "web" }
# CHECK-NEXT:                                                                  ^~~~~
# CHECK-NEXT:2 errors generated.
