# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# '$name' in a string is a forgotten '{...}': offer '${name}'.
param name: string
item greet {
  run: "echo $name"
# CHECK:{{.*}}fail_lone_dollar.mm:[[@LINE-1]]:14: error: '$name' is not an interpolation; write '${name}' for a value, or '$$name' for a literal '$name'
# CHECK-NEXT:  run: "echo $name"
# CHECK-NEXT:             ^~~~~
# CHECK-NEXT:             ${name}
}
# CHECK-NEXT:1 error generated.
