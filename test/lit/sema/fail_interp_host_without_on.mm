# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
pipeline p() { stage s { run: "ssh ${host.name} uptime" } }
# CHECK:{{.*}}fail_interp_host_without_on.mm:[[@LINE-1]]:36: error: unknown name 'host.name' in '${...}'; no host is known here
# CHECK-NEXT:pipeline p() { stage s { run: "ssh ${host.name} uptime" } }
# CHECK-NEXT:                                   ^~~~~~~~~~~~
# CHECK-NEXT:1 error generated.
