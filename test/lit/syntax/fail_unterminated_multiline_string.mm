# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# An unclosed """ runs to the end of the file; the error is where it opens.
# CHECK:{{.*}}fail_unterminated_multiline_string.mm:[[@LINE+4]]:12: error: unterminated multi-line string; expected '"""' to close it
# CHECK-NEXT:  content: """
# CHECK-NEXT:           ^~~
resource file motd { path: "/tmp/motd",
  content: """
    hello
  ""
}
