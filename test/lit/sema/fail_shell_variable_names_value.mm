# RUN: not magicc check %s 2>&1 | FileCheck %s
# $NAME where NAME is magicc's (a param, each, host.*, a kind's field) is a
# forgotten {...}; the shell's own variables beside them pass.
param port: int = 80
item a { run: "echo $HOME $port" }
# CHECK: fail_shell_variable_names_value.mm:[[@LINE-1]]:27: error: '$port' would be the shell's variable, but 'port' is magicc's
item b { run: "echo $host.name $USER" }
# CHECK: fail_shell_variable_names_value.mm:[[@LINE-1]]:21: error: '$host.name' would be the shell's variable, but 'host.name' is magicc's
pipeline p() {
  stage s { foreach: ["x"], run: "echo $each $PWD" }
# CHECK: fail_shell_variable_names_value.mm:[[@LINE-1]]:40: error: '$each' would be the shell's variable
}
kind k {
  in path: string
  check: "test -e $path"
# CHECK: fail_shell_variable_names_value.mm:[[@LINE-1]]:19: error: '$path' would be the shell's variable
  apply: "touch ${path} && echo $HOME"
}
# CHECK: 4 errors generated.
