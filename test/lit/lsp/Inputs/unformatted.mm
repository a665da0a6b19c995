# a header comment



param workers:int=4   
  item   web{run:"nginx -w ${workers}",timeout:5m   # slow
      depends:[a,
b]}
item a {run: "x"}  # one
item b {run: "y"}    # two
pipeline p(x: int,
y: int) {
stage s {on: web&!maintenance, run: "r"}
}
# trailing