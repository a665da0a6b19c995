# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item deploy { run: "a" }
item deploy { run: "b" }
# CHECK:{{.*}}fail_redefinition_item.mm:[[@LINE-1]]:6: error: redefinition of item 'deploy'
# CHECK-NEXT:item deploy { run: "b" }
# CHECK-NEXT:     ^~~~~~
# CHECK:{{.*}}fail_redefinition_item.mm:[[@LINE-5]]:6: note: previous definition is here
# CHECK-NEXT:item deploy { run: "a" }
# CHECK-NEXT:     ^~~~~~
# CHECK-NEXT:1 error generated.
