import "sub/child.mm"
import "sub/child.mm"
import "missing.mm"
item root { depends: child }
