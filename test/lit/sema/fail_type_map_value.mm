# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param limits: map[int] = { cpu: 2, mem: "4G" }
# CHECK:{{.*}}fail_type_map_value.mm:[[@LINE-1]]:41: error: param 'limits' entry 'mem' expects int, found the string "4G"
# CHECK-NEXT:param limits: map[int] = { cpu: 2, mem: "4G" }
# CHECK-NEXT:                                        ^~~~
# CHECK-NEXT:1 error generated.
