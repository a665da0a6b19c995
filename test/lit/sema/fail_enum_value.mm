# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
resource svc nginx { name: "nginx", state: "runing" }
# CHECK:{{.*}}fail_enum_value.mm:[[@LINE-1]]:44: error: "runing" is not one of "running" | "stopped"
# CHECK-NEXT:resource svc nginx { name: "nginx", state: "runing" }
# CHECK-NEXT:                                           ^~~~~~~~
# CHECK-NEXT:1 error generated.
