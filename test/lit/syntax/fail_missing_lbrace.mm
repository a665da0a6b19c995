# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# The '{' after the item's name is missing; its fields and '}' still parse.
item make_coffee
  run: "brew"
# CHECK:{{.*}}fail_missing_lbrace.mm:[[@LINE-1]]:3: error: expected '{', found 'run'
# CHECK-NEXT:  run: "brew"
# CHECK-NEXT:  ^~~
}
item b { depends: make_coffee }
# CHECK-NEXT:1 error generated.
