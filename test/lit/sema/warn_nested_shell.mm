# RUN: magicc check %s 2>&1 | FileCheck %s
# RUN: not magicc check --Werror %s > /dev/null 2>&1
# A value in a double-quoted nested shell is parsed by it as code; single
# quotes (or none) are safe, since values travel as environment variables.
param name: string = "x"
item a { run: "sh -c \"echo ${name}\"" }
# CHECK: warn_nested_shell.mm:[[@LINE-1]]:29: warning: '${name}' inside a double-quoted nested shell command is parsed by that shell as code; quote the nested command with single quotes
item b { run: "sh -c 'echo ${name}'" }
item c { run: "echo \"hi ${name}\"" }
item d { run: "bash -c    \"x ${name}\"" }
# CHECK: warn_nested_shell.mm:[[@LINE-1]]:31: warning: '${name}' inside a double-quoted nested shell
# CHECK-NOT: warning
# CHECK: 2 warnings generated.
