# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item a { run: "x" }
}
# CHECK:{{.*}}fail_stray_brace.mm:[[@LINE-1]]:1: error: expected a declaration (import, param, host, inventory, item, resource, kind, pipeline or an edge such as 'a -> b'), found '}'
# CHECK-NEXT:}
# CHECK-NEXT:^
item b { depends: a }
# CHECK-NEXT:1 error generated.
