# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# The file ends inside an item: reported at the end of the file, with a note
# at the '{' that was never closed.
# CHECK:{{.*}}fail_unclosed_block_eof.mm:[[@LINE+9]]:1: error: expected '}' to close item 'a', found end of file
# CHECK-EMPTY:
# CHECK-NEXT:^
# CHECK-NEXT:{{.*}}fail_unclosed_block_eof.mm:[[@LINE+4]]:8: note: '{' opened here
# CHECK-NEXT:item a {
# CHECK-NEXT:       ^
# CHECK-NEXT:1 error generated.
item a {
  run: "x"
