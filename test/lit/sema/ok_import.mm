# RUN: magicc check %s 2>&1 | count 0
# Names from an imported file are visible, and imports are loaded once.
import "Inputs/common.mm"
import "Inputs/common.mm"
item deploy { depends: [base_pkgs, common_item], run: "deploy ${common_param}" }
resource file conf { path: "/etc/c" }
common_pw.value -> conf.content
