kind k { in a: int = ; out b: ; check: "${a" apply }
resource k r { a: 1 } r.b -> ~> r.a