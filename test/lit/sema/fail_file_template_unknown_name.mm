# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A template is checked like a string in content:; the error points into the
# template file, and its `$nginx_var` is text, not a mistake.
param port: int = 80
param user: string = "www"
resource file conf { path: "/tmp/app.conf", template: "Inputs/files/typo.conf.tmpl" }
# CHECK:{{.*}}Inputs/files/typo.conf.tmpl:2:6: error: unknown name 'usr' in '${...}'; did you mean 'user'?
# CHECK-NEXT:user ${usr}; # $nginx_var
# CHECK-NEXT:     ^~~~~~
# CHECK-NEXT:1 error generated.
