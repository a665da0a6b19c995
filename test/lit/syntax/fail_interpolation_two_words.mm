# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param a: string
item greet {
  run: "echo ${a b}"
# CHECK:{{.*}}fail_interpolation_two_words.mm:[[@LINE-1]]:14: error: expected a name inside '${...}', found 'a b'
# CHECK-NEXT:  run: "echo ${a b}"
# CHECK-NEXT:             ^~~~~~
}
# CHECK-NEXT:1 error generated.
