# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# `mode: 0644` is an int; the fix-it quotes it as written.
resource file f { path: "/etc/motd", content: "hi", mode: 0644 }
# CHECK:{{.*}}fail_bare_mode.mm:[[@LINE-1]]:59: error: field 'mode' of kind 'file' expects string, found the integer 644
# CHECK-NEXT:resource file f { path: "/etc/motd", content: "hi", mode: 0644 }
# CHECK-NEXT:                                                          ^~~~
# CHECK-NEXT:                                                          "0644"
# CHECK-NEXT:1 error generated.
