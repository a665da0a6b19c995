# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A $ directly before a name is almost always a forgotten {..} or an unescaped shell variable.
item a { run: "echo $HOME" }
# CHECK:{{.*}}fail_dollar_name.mm:[[@LINE-1]]:21: error: '$HOME' is not an interpolation; write '${HOME}' for a value, or '$$HOME' for a literal '$HOME'
# CHECK-NEXT:item a { run: "echo $HOME" }
# CHECK-NEXT:                    ^~~~~
# CHECK-NEXT:                    ${HOME}
# CHECK-NEXT:1 error generated.
