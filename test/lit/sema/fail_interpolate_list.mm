# RUN: not magicc check %s 2>&1 | FileCheck %s
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A list has no single spelling in a command line; use foreach: or a string param.
param services: list[string] = ["web", "worker"]
item restart { run: "systemctl restart ${services}" }
# CHECK: fail_interpolate_list.mm:[[@LINE-1]]:40: error: 'services' is a list[string]; only a bool, int, string, duration or enum value can be interpolated
# CHECK: 1 error generated.
