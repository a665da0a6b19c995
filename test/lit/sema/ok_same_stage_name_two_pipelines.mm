# RUN: magicc check %s 2>&1 | count 0
# Stages are scoped to their pipeline; a pipeline and an item may share a name.
pipeline a() { stage build { run: "make" } }
pipeline b() { stage build { run: "make" } }
item a {}
param b: int = 1
