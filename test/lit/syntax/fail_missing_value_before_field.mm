# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A field with no value, followed by the next field: the next field is not
# taken for the value, and is not reported again.
item make_coffee {
  run:
  timeout: 5s
# CHECK:{{.*}}fail_missing_value_before_field.mm:[[@LINE-1]]:3: error: expected a value after 'run:', found 'timeout'
# CHECK-NEXT:  timeout: 5s
# CHECK-NEXT:  ^~~~~~~
  retries: 2
}
# CHECK-NEXT:1 error generated.
