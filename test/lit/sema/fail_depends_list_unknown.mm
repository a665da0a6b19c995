# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# Each unknown name in a depends list is reported, at its own position.
item install {}
item deploy { depends: [instal, install, configure] }
# CHECK:{{.*}}fail_depends_list_unknown.mm:[[@LINE-1]]:25: error: unknown item or resource 'instal'; did you mean 'install'?
# CHECK-NEXT:item deploy { depends: [instal, install, configure] }
# CHECK-NEXT:                        ^~~~~~
# CHECK:{{.*}}fail_depends_list_unknown.mm:[[@LINE-4]]:42: error: unknown item or resource 'configure'
# CHECK-NEXT:item deploy { depends: [instal, install, configure] }
# CHECK-NEXT:                                         ^~~~~~~~~
# CHECK-NEXT:2 errors generated.
