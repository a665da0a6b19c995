# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param services: list[string] = ["nginx", 3, "redis"]
# CHECK:{{.*}}fail_type_list_element.mm:[[@LINE-1]]:42: error: param 'services' element expects string, found the integer 3
# CHECK-NEXT:param services: list[string] = ["nginx", 3, "redis"]
# CHECK-NEXT:                                         ^
# CHECK-NEXT:                                         "3"
# CHECK-NEXT:1 error generated.
