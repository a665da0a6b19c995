# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
import "Inputs/does_not_exist.mm"
# CHECK:{{.*}}fail_import_missing.mm:[[@LINE-1]]:8: error: cannot import 'Inputs/does_not_exist.mm': No such file or directory
# CHECK-NEXT:import "Inputs/does_not_exist.mm"
# CHECK-NEXT:       ^~~~~~~~~~~~~~~~~~~~~~~~~~
item a {}
# CHECK-NEXT:1 error generated.
