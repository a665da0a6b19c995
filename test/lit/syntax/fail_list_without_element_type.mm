# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param services: list
# CHECK:{{.*}}fail_list_without_element_type.mm:[[@LINE-1]]:17: error: type 'list' takes an element type: list[T]
# CHECK-NEXT:param services: list
# CHECK-NEXT:                ^~~~
# CHECK-NEXT:1 error generated.
