# RUN: not magicc check %s 2>&1 | FileCheck %s
# Words where a string belongs say that strings are quoted; two names without
# a comma say the comma is missing; a bare mode gets a fix-it to a string.
item a { run: echo hi }
# CHECK: fail_unquoted_and_comma.mm:[[@LINE-1]]:15: error: run: takes a quoted string; write "echo hi ..." with its quotes
item b { depends: [a c] }
# CHECK: fail_unquoted_and_comma.mm:[[@LINE-1]]:21: error: expected ',' between 'a' and 'c'
item c {}
