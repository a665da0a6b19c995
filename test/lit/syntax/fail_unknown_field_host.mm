# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
host fe001 { adress: "10.0.0.1", user: "deploy" }
# CHECK:{{.*}}fail_unknown_field_host.mm:[[@LINE-1]]:14: error: unknown field 'adress' in host; did you mean 'address'?
# CHECK-NEXT:host fe001 { adress: "10.0.0.1", user: "deploy" }
# CHECK-NEXT:             ^~~~~~
# CHECK-NEXT:1 error generated.
