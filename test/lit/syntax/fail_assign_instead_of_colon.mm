# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# '=' where ':' belongs: point at the '=' and offer ':' in its place.
item make_coffee {
  run = "brew"
# CHECK:{{.*}}fail_assign_instead_of_colon.mm:[[@LINE-1]]:7: error: expected ':' after field name 'run'
# CHECK-NEXT:  run = "brew"
# CHECK-NEXT:      ^
# CHECK-NEXT:      :
  timeout: 1m
}
# CHECK-NEXT:1 error generated.
