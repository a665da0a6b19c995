# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# One ')' too many: that ')' is the mistake, not a missing '}'; the item
# and the next one parse normally.
item a {
  if: (x & y))
# CHECK:{{.*}}fail_extra_paren.mm:[[@LINE-1]]:14: error: unexpected ')'
# CHECK-NEXT:  if: (x & y))
# CHECK-NEXT:             ^
  run: "x"
}
item b { depends: a }
# CHECK-NEXT:1 error generated.
