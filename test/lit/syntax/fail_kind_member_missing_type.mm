# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# The missing type is reported at the next member, which parses normally.
kind haproxy_server {
  in state:
  out weight: int
# CHECK:{{.*}}fail_kind_member_missing_type.mm:[[@LINE-1]]:3: error: expected a type (bool, int, string, duration, secret, list[T], map[T] or "a" | "b"), found 'out'
# CHECK-NEXT:  out weight: int
# CHECK-NEXT:  ^~~
  check: "haproxy-ctl status"
}
# CHECK-NEXT:1 error generated.
