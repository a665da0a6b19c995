# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# '$name' in a command where 'name' is a param is a forgotten '{...}': offer
# '${name}' (magicc's value) and '$$name' (the shell's variable).
param name: string
item greet {
  run: "echo $name"
# CHECK:{{.*}}fail_lone_dollar.mm:[[@LINE-1]]:14: error: '$name' would be the shell's variable, but 'name' is magicc's; write '${name}' for its value, or '$$name' for the shell's variable
# CHECK-NEXT:  run: "echo $name"
# CHECK-NEXT:             ^~~~~
# CHECK-NEXT:             ${name}
# CHECK-NEXT:             $$name
}
# CHECK-NEXT:1 error generated.
