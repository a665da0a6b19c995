# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item make_coffee {
  run: "brew"
  retries: 2
  run: "brew --strong"
# CHECK:{{.*}}fail_duplicate_field.mm:[[@LINE-1]]:3: error: field 'run' is set more than once
# CHECK-NEXT:  run: "brew --strong"
# CHECK-NEXT:  ^~~
# CHECK-NEXT:{{.*}}fail_duplicate_field.mm:[[@LINE-6]]:3: note: first value declared here
# CHECK-NEXT:  run: "brew"
# CHECK-NEXT:  ^~~
}
# CHECK-NEXT:1 error generated.
