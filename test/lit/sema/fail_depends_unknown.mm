# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# An unknown item in depends: gets a "did you mean", and the fix-it line.
item get_up {}
item make_coffee {
  depends: [get_upp]
# CHECK:{{.*}}fail_depends_unknown.mm:[[@LINE-1]]:13: error: unknown item or resource 'get_upp'; did you mean 'get_up'?
# CHECK-NEXT:  depends: [get_upp]
# CHECK-NEXT:            ^~~~~~~
# CHECK-NEXT:            get_up
  run: "brew"
}
# CHECK-NEXT:1 error generated.
