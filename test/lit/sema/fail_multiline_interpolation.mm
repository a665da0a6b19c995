# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A ${...} inside a multi-line string is reported at its own line and column,
# after the indentation that is stripped.
param port: int = 80
resource file conf {
  path: "/tmp/app.conf"
  content: """
    listen ${port}
      server_name ${prot};
  """
}
# CHECK:{{.*}}fail_multiline_interpolation.mm:[[@LINE-3]]:19: error: unknown name 'prot' in '${...}'; did you mean 'port'?
# CHECK-NEXT:      server_name ${prot};
# CHECK-NEXT:                  ^~~~~~~
# CHECK-NEXT:1 error generated.
