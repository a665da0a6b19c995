# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A field name and ':' with no value before the block ends.
item make_coffee {
  run:
}
# CHECK:{{.*}}fail_missing_value.mm:[[@LINE-1]]:1: error: expected a value after 'run:', found '}'
# CHECK-NEXT:}
# CHECK-NEXT:^
# CHECK-NEXT:1 error generated.
