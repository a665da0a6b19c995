# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# 'depends' takes a name or a list of names, not a condition.
item a {}
item b {}
item c {
  depends: a & b
# CHECK:{{.*}}fail_condition_in_value.mm:[[@LINE-1]]:12: error: a condition is not allowed here; field 'depends' takes a value
# CHECK-NEXT:  depends: a & b
# CHECK-NEXT:           ^~~~~
}
# CHECK-NEXT:1 error generated.
