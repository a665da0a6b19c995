# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
param db_password: secret
item migrate { run: "migrate --password ${db_password}" }
# CHECK:{{.*}}fail_secret_param_item_run.mm:[[@LINE-1]]:41: error: secret 'db_password' would be interpolated into 'run' in clear
# CHECK-NEXT:item migrate { run: "migrate --password ${db_password}" }
# CHECK-NEXT:                                        ^~~~~~~~~~~~~~
# CHECK-NEXT:1 error generated.
