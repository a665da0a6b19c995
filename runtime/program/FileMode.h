// A file's permission bits as operators write them ("0644"), in diffs,
// state files and the commands sent to hosts.
#pragma once

#include <cstdio>
#include <string>

namespace magicc::runtime {

inline std::string octalMode(unsigned mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", mode & 07777u);
  return text;
}

}  // namespace magicc::runtime
