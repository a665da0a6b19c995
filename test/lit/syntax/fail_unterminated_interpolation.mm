# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param a: string
item greet {
  run: "echo ${a"
# CHECK:{{.*}}fail_unterminated_interpolation.mm:[[@LINE-1]]:14: error: unterminated '${' in string; expected '}'
# CHECK-NEXT:  run: "echo ${a"
# CHECK-NEXT:             ^~
}
# CHECK-NEXT:1 error generated.
