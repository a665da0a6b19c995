# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A send needs a field on both ends; the error points at the end without one.
resource password db_pw {}
resource file db_conf { path: "/etc/app/db.conf" }
db_pw.value -> db_conf
# CHECK:{{.*}}fail_edge_field_one_end.mm:[[@LINE-1]]:16: error: a field-level edge ('a.x -> b.y') must name a field on both ends
# CHECK-NEXT:db_pw.value -> db_conf
# CHECK-NEXT:               ^~~~~~~
# CHECK-NEXT:1 error generated.
