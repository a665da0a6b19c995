item grandchild { depends x }
