# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item b {}
item c {}
item a {
  depends: [b, c
# CHECK:{{.*}}fail_unclosed_list.mm:[[@LINE+1]]:1: error: expected ']' to close the list, found '}'
}
# CHECK-NEXT:}
# CHECK-NEXT:^
# CHECK-NEXT:{{.*}}fail_unclosed_list.mm:[[@LINE-5]]:12: note: '[' opened here
# CHECK-NEXT:  depends: [b, c
# CHECK-NEXT:           ^
# CHECK-NEXT:1 error generated.
