# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item make_coffee {
  retry_delay: 10sec
# CHECK:{{.*}}fail_bad_duration_unit.mm:[[@LINE-1]]:16: error: invalid number '10sec'; a duration takes the unit ms, s, m or h
# CHECK-NEXT:  retry_delay: 10sec
# CHECK-NEXT:               ^~~~~
  timeout: 1m
}
# CHECK-NEXT:1 error generated.
