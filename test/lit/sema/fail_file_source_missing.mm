# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# source: is read when the program is checked, relative to this file.
resource file conf { path: "/tmp/app.conf", source: "Inputs/files/no_such.conf" }
# CHECK:{{.*}}fail_file_source_missing.mm:[[@LINE-1]]:53: error: cannot read source file '{{.*}}Inputs/files/no_such.conf': No such file or directory
# CHECK-NEXT:resource file conf { path: "/tmp/app.conf", source: "Inputs/files/no_such.conf" }
# CHECK-NEXT:                                                    ^~~~~~~~~~~~~~~~~~~~~~~~~~~
# CHECK-NEXT:1 error generated.
