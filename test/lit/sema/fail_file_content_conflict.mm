# RUN: not magicc check %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A file's content comes from one place: content:, source: or template:, or
# a value sent into content.
resource file a { path: "/tmp/a", content: "x", source: "Inputs/files/plain.conf" }
# CHECK:{{.*}}fail_file_content_conflict.mm:[[@LINE-1]]:57: error: file 'a' takes its content from content: and from source:; give one of content:, source: or template:
resource file b { path: "/tmp/b", source: "Inputs/files/plain.conf", template: "Inputs/files/plain.conf" }
# CHECK:{{.*}}fail_file_content_conflict.mm:[[@LINE-1]]:80: error: file 'b' takes its content from source: and from template:; give one of content:, source: or template:
resource password pw { length: 16 }
resource file c { path: "/tmp/c", source: "Inputs/files/plain.conf" }
pw.value -> c.content
# CHECK:{{.*}}fail_file_content_conflict.mm:[[@LINE-2]]:43: error: file 'c' takes its content from source: and from 'pw.value' (sent into content); give one of content:, source: or template:
param dir: string = "Inputs"
resource file d { path: "/tmp/d", template: "${dir}/files/plain.conf" }
# CHECK:{{.*}}fail_file_content_conflict.mm:[[@LINE-1]]:45: error: template: is read when the program is checked; give a plain path, without '${...}'
