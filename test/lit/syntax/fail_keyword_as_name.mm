# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A keyword where a name belongs is one mistake, reported once.
item host {}
# CHECK:{{.*}}fail_keyword_as_name.mm:[[@LINE-1]]:6: error: 'host' is a keyword and cannot be used as an item name
# CHECK-NEXT:item host {}
# CHECK-NEXT:     ^~~~
item b { run: "x" }
# CHECK-NEXT:1 error generated.
