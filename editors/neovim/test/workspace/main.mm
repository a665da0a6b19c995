import "lib.mm"
inventory "hosts.yaml"

# How many workers nginx gets.
param workers: int = 4
item web {
  depends: [base, bsae]
  run: "nginx -w ${workers}"
}
resource file conf { path: "/etc/x", content: "y" }
conf -> web
pipeline release(size: int = 2) {
  stage deploy {
    on: web
    batch: size
    run: "deploy ${size}"
  }
}
item   loose   {depends:base}
