# RUN: magicc check %s 2>&1 | count 0
# ${host.*} is defined everywhere: a stage without on: runs on the machine
# running magicc, and host.name is that machine's name.
pipeline p() { stage s { run: "echo deployed from ${host.name}" } }
