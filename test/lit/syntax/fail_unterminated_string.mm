# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# The string runs to the end of the line; the '}' on the next line still
# closes the item.
item make_coffee {
  run: "brew --strong
# CHECK:{{.*}}fail_unterminated_string.mm:[[@LINE-1]]:8: error: unterminated string literal
# CHECK-NEXT:  run: "brew --strong
# CHECK-NEXT:       ^
}
item b { depends: make_coffee }
# CHECK-NEXT:1 error generated.
