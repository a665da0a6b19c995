# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
host fe001 { address: "10.0.0.1" }
host fe001 { address: "10.0.0.2" }
# CHECK:{{.*}}fail_redefinition_host.mm:[[@LINE-1]]:6: error: redefinition of host 'fe001'
# CHECK-NEXT:host fe001 { address: "10.0.0.2" }
# CHECK-NEXT:     ^~~~~
# CHECK:{{.*}}fail_redefinition_host.mm:[[@LINE-5]]:6: note: previous definition is here
# CHECK-NEXT:host fe001 { address: "10.0.0.1" }
# CHECK-NEXT:     ^~~~~
# CHECK-NEXT:1 error generated.
