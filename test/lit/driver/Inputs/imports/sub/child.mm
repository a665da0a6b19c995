import "grandchild.mm"
import "../root.mm"
item child {}
