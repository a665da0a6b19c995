# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item greet {
  run: "echo ${}"
# CHECK:{{.*}}fail_empty_interpolation.mm:[[@LINE-1]]:14: error: expected a name inside '${...}', found '}'
# CHECK-NEXT:  run: "echo ${}"
# CHECK-NEXT:             ^~~
}
# CHECK-NEXT:1 error generated.
