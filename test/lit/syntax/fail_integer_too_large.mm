# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# One more than the largest 64-bit integer.
item make_coffee {
  retries: 9223372036854775808
# CHECK:{{.*}}fail_integer_too_large.mm:[[@LINE-1]]:12: error: integer '9223372036854775808' is too large
# CHECK-NEXT:  retries: 9223372036854775808
# CHECK-NEXT:           ^~~~~~~~~~~~~~~~~~~
}
# CHECK-NEXT:1 error generated.
