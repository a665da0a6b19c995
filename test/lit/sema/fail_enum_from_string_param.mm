# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A string param may hold anything: it is not an enum.
param want: string = "running"
resource svc nginx { name: "nginx", state: want }
# CHECK:{{.*}}fail_enum_from_string_param.mm:[[@LINE-1]]:44: error: field 'state' of kind 'svc' expects "running" | "stopped", found param 'want' of type string
# CHECK-NEXT:resource svc nginx { name: "nginx", state: want }
# CHECK-NEXT:                                           ^~~~
# CHECK-NEXT:1 error generated.
