# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item make_coffee {
  run: "brew \q"
# CHECK:{{.*}}fail_bad_escape.mm:[[@LINE-1]]:14: error: unknown escape sequence '\q' in string
# CHECK-NEXT:  run: "brew \q"
# CHECK-NEXT:             ^~
}
# CHECK-NEXT:1 error generated.
