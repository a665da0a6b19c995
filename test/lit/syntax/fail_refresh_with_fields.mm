# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
resource password db_pw {}
resource file db_conf { path: "/etc/app/db.conf" }
db_pw.value ~> db_conf.content
# CHECK:{{.*}}fail_refresh_with_fields.mm:[[@LINE-1]]:13: error: '~>' orders and refreshes whole resources; it does not take fields
# CHECK-NEXT:db_pw.value ~> db_conf.content
# CHECK-NEXT:            ^~
# CHECK-NEXT:1 error generated.
