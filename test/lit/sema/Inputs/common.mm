import "common.mm"
param common_param: string = "x"
item common_item {}
resource pkg base_pkgs { name: "base" }
resource password common_pw {}
