# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# The block of a nameless item still parses; only the name is reported.
item {
# CHECK:{{.*}}fail_missing_item_name.mm:[[@LINE-1]]:6: error: expected an item name after 'item', found '{'
# CHECK-NEXT:item {
# CHECK-NEXT:     ^
  run: "brew"
}
item b { run: "x" }
# CHECK-NEXT:1 error generated.
