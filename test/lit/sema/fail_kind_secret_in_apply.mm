# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
kind account {
  in user: string
  in password: secret
  check: "id ${user}"
  apply: "useradd ${user} --password ${password}"
# CHECK:{{.*}}fail_kind_secret_in_apply.mm:[[@LINE-1]]:38: error: secret 'password' would be interpolated into the apply: command in clear
# CHECK-NEXT:  apply: "useradd ${user} --password ${password}"
# CHECK-NEXT:                                     ^~~~~~~~~~~
}
# CHECK-NEXT:1 error generated.
