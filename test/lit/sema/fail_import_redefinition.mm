# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A name defined in an import and again in the importing file: the error is on
# the later definition in the file being checked, the note in the import.
import "Inputs/common.mm"
item common_item { run: "x" }
# CHECK:{{.*}}fail_import_redefinition.mm:[[@LINE-1]]:6: error: redefinition of item 'common_item'
# CHECK-NEXT:item common_item { run: "x" }
# CHECK-NEXT:     ^~~~~~~~~~~
# CHECK-NEXT:{{.*}}Inputs{{/|\\}}common.mm:3:6: note: previous definition is here
# CHECK-NEXT:item common_item {}
# CHECK-NEXT:     ^~~~~~~~~~~
# CHECK-NEXT:1 error generated.
