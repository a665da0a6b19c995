# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
pipeline deploy() {
  stage upgrade {
    onn: appmgr
# CHECK:{{.*}}fail_unknown_field_stage.mm:[[@LINE-1]]:5: error: unknown field 'onn' in stage; did you mean 'on'?
# CHECK-NEXT:    onn: appmgr
# CHECK-NEXT:    ^~~
    run: "appmgr upgrade"
  }
}
# CHECK-NEXT:1 error generated.
