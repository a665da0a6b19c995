# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# The next line holds a Latin-1 '\xe9' byte (not UTF-8) in a string.
item make_coffee {
  run: "café"
# CHECK:{{.*}}fail_invalid_utf8.mm:[[@LINE-1]]:12: error: invalid UTF-8 byte sequence
# CHECK-NEXT:  run: "caf<E9>"
# CHECK-NEXT:           ^~~~
}
# CHECK-NEXT:1 error generated.
