# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
kind widget {
  in state: "on" | "off" = "of"
# CHECK:{{.*}}fail_kind_field_defaults.mm:[[@LINE-1]]:28: error: "of" is not one of "on" | "off"
# CHECK-NEXT:  in state: "on" | "off" = "of"
# CHECK-NEXT:                           ^~~~
  in size: int = "x"
# CHECK:{{.*}}fail_kind_field_defaults.mm:[[@LINE-1]]:18: error: the default of 'size' expects int, found the string "x"
# CHECK-NEXT:  in size: int = "x"
# CHECK-NEXT:                 ^~~
  in name: string
  in name: int
# CHECK:{{.*}}fail_kind_field_defaults.mm:[[@LINE-1]]:6: error: redefinition of field 'name'
# CHECK-NEXT:  in name: int
# CHECK-NEXT:     ^~~~
# CHECK:{{.*}}fail_kind_field_defaults.mm:[[@LINE-5]]:6: note: previous definition is here
# CHECK-NEXT:  in name: string
# CHECK-NEXT:     ^~~~
}
# CHECK-NEXT:3 errors generated.
