# The base every host gets.
item base { run: "true" }
