# RUN: not magicc check %s 2>&1 | FileCheck %s
item a {
  run: "x"
# A missing '}' is reported where the next declaration starts, with a note at
# the brace it should close; the next item parses normally.
item b { depends: a }
# CHECK: fail_unclosed_block.mm:[[@LINE-1]]:1: error: expected '}' to close item 'a', found 'item'
# CHECK: fail_unclosed_block.mm:2:8: note: '{' opened here
# CHECK-NEXT: item a {
# CHECK-NEXT: {{^       \^$}}
# CHECK-NEXT: 1 error generated.
