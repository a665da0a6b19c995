param name: string = "x"
item plain   { run: "echo ${name}" }
item doubled { run: "echo \"hello ${name}\"" }
item nested  { run: "sh -c 'echo ${name}'" }
