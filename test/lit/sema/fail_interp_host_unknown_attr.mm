# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
item i { run: "ping ${host.nme}" }
# CHECK:{{.*}}fail_interp_host_unknown_attr.mm:[[@LINE-1]]:21: error: unknown host attribute 'host.nme'; use host.name, host.address or host.vars.KEY
# CHECK-NEXT:item i { run: "ping ${host.nme}" }
# CHECK-NEXT:                    ^~~~~~~~~~~
# CHECK-NEXT:1 error generated.
