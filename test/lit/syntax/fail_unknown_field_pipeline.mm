# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
pipeline deploy() {
  require: ["appmgr"]
# CHECK:{{.*}}fail_unknown_field_pipeline.mm:[[@LINE-1]]:3: error: unknown field 'require' in pipeline; did you mean 'requires'?
# CHECK-NEXT:  require: ["appmgr"]
# CHECK-NEXT:  ^~~~~~~
  stage upgrade { run: "appmgr upgrade" }
}
# CHECK-NEXT:1 error generated.
