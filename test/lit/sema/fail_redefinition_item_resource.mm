# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# Items and resources share one namespace.
item nginx {}
resource pkg nginx { name: "nginx" }
# CHECK:{{.*}}fail_redefinition_item_resource.mm:[[@LINE-1]]:14: error: redefinition of resource 'nginx'
# CHECK-NEXT:resource pkg nginx { name: "nginx" }
# CHECK-NEXT:             ^~~~~
# CHECK:{{.*}}fail_redefinition_item_resource.mm:[[@LINE-5]]:6: note: previous definition is here
# CHECK-NEXT:item nginx {}
# CHECK-NEXT:     ^~~~~
# CHECK-NEXT:1 error generated.
