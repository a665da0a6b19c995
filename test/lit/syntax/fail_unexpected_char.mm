# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A character that starts no token is reported and skipped.
item make_coffee {
  run: "brew"@
# CHECK:{{.*}}fail_unexpected_char.mm:[[@LINE-1]]:14: error: unexpected character '@'
# CHECK-NEXT:  run: "brew"@
# CHECK-NEXT:             ^
  timeout: 1m
}
# CHECK-NEXT:1 error generated.
