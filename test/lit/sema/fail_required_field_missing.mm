# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# file's path has no default and is not optional.
resource file motd { content: "hello" }
# CHECK:{{.*}}fail_required_field_missing.mm:[[@LINE-1]]:15: error: resource 'motd' is missing required field 'path' (string)
# CHECK-NEXT:resource file motd { content: "hello" }
# CHECK-NEXT:              ^~~~
# CHECK:{{.*}}core.mm:5:6: note: 'path' is declared here
# CHECK-NEXT:  in path: string
# CHECK-NEXT:     ^~~~
# CHECK-NEXT:1 error generated.
