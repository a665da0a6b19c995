# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param svc_name: string = "nginx"
pipeline p() {
  stage a { on: web, foreach: "nginx", run: "restart ${each}" }
# CHECK:{{.*}}fail_foreach_not_list.mm:[[@LINE-1]]:31: error: 'foreach' expects a list, found the string "nginx"
# CHECK-NEXT:  stage a { on: web, foreach: "nginx", run: "restart ${each}" }
# CHECK-NEXT:                              ^~~~~~~
  stage b { on: web, foreach: svc_name, run: "restart ${each}" }
# CHECK:{{.*}}fail_foreach_not_list.mm:[[@LINE-1]]:31: error: 'foreach' expects a list, found param 'svc_name' of type string
# CHECK-NEXT:  stage b { on: web, foreach: svc_name, run: "restart ${each}" }
# CHECK-NEXT:                              ^~~~~~~~
}
# CHECK-NEXT:2 errors generated.
