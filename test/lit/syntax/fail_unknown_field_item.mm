# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item make_coffee {
  ruun: "brew"
# CHECK:{{.*}}fail_unknown_field_item.mm:[[@LINE-1]]:3: error: unknown field 'ruun' in item; did you mean 'run'?
# CHECK-NEXT:  ruun: "brew"
# CHECK-NEXT:  ^~~~
}
# CHECK-NEXT:1 error generated.
