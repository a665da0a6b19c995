# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
kind haproxy_server {
  in backend: string
  chek: "haproxy-ctl status ${backend}"
# CHECK:{{.*}}fail_unknown_field_kind.mm:[[@LINE-1]]:3: error: unknown field 'chek' in kind; did you mean 'check'?
# CHECK-NEXT:  chek: "haproxy-ctl status ${backend}"
# CHECK-NEXT:  ^~~~
  apply: "haproxy-ctl set ${backend}"
}
# CHECK-NEXT:1 error generated.
