# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# '$' in a condition must be followed by the param's name.
item a { if: cluster == $ }
# CHECK:{{.*}}fail_dollar_without_name.mm:[[@LINE-1]]:27: error: expected a param name after '$', found '}'
# CHECK-NEXT:item a { if: cluster == $ }
# CHECK-NEXT:                          ^
# CHECK-NEXT:1 error generated.
