# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# CHECK:{{.*}}fail_unclosed_list_eof.mm:[[@LINE+9]]:1: error: expected ']' to close the list, found end of file
# CHECK-EMPTY:
# CHECK-NEXT:^
# CHECK-NEXT:{{.*}}fail_unclosed_list_eof.mm:[[@LINE+5]]:19: note: '[' opened here
# CHECK-NEXT:item a { depends: [b, c
# CHECK-NEXT:                  ^
# CHECK-NEXT:1 error generated.
item b {}
item a { depends: [b, c
