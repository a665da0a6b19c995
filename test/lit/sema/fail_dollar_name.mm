# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# Outside a command nothing expands $HOME: a forgotten {..} or a literal $$.
resource file f { path: "/tmp/x", content: "echo $HOME" }
# CHECK:{{.*}}fail_dollar_name.mm:[[@LINE-1]]:50: error: '$HOME' is not an interpolation and this string is not a command; write '${HOME}' for a value, or '$$HOME' for a literal '$HOME'
# CHECK-NEXT:resource file f { path: "/tmp/x", content: "echo $HOME" }
# CHECK-NEXT:                                                 ^~~~~
# CHECK-NEXT:                                                 ${HOME}
# CHECK-NEXT:                                                 $$HOME
# CHECK-NEXT:1 error generated.
