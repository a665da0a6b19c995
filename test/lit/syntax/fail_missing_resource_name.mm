# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A kind but no name: 'file' is the kind; the resource's name is missing.
resource file {
# CHECK:{{.*}}fail_missing_resource_name.mm:[[@LINE-1]]:15: error: expected a resource name after 'file', found '{'
# CHECK-NEXT:resource file {
# CHECK-NEXT:              ^
  path: "/etc/x"
}
item b { run: "x" }
# CHECK-NEXT:1 error generated.
