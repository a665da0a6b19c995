# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# An enum with a value the field does not accept.
param want: "running" | "stopped" | "restarted" = "running"
resource svc nginx { name: "nginx", state: want }
# CHECK:{{.*}}fail_enum_param_superset.mm:[[@LINE-1]]:44: error: field 'state' of kind 'svc' expects "running" | "stopped", found param 'want' of type "running" | "stopped" | "restarted"
# CHECK-NEXT:resource svc nginx { name: "nginx", state: want }
# CHECK-NEXT:                                           ^~~~
# CHECK-NEXT:1 error generated.
