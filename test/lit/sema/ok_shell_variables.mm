# RUN: magicc check %s 2>&1 | count 0
# In a command, $NAME that names nothing of magicc's is the shell's variable.
param user: string = "ann"
item a { run: "echo $HOME ${user}; for f in *; do echo $f.txt; done" }
resource exec e { cmd: "test -n \"$PATH\"" }
pipeline p() {
  stage s { run: "echo $USER ${user}; for host in a b; do echo $host; done" }
}
