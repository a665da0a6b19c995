# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# 'resource' needs a kind and a name: resource file conf { ... }
resource {
# CHECK:{{.*}}fail_missing_resource_kind.mm:[[@LINE-1]]:10: error: expected a kind name after 'resource', found '{'
# CHECK-NEXT:resource {
# CHECK-NEXT:         ^
  path: "/etc/x"
}
item b { run: "x" }
# CHECK-NEXT:1 error generated.
