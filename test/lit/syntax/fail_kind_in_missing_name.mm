# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
kind haproxy_server {
  in : string
# CHECK:{{.*}}fail_kind_in_missing_name.mm:[[@LINE-1]]:6: error: expected a field name after 'in', found ':'
# CHECK-NEXT:  in : string
# CHECK-NEXT:     ^
  out weight: int
}
# CHECK-NEXT:1 error generated.
