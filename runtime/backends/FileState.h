// A path on a host, as a `file` resource needs to know it: one struct for
// every backend (in-process, shell commands over SSH, an agent).
#pragma once

#include <string>

namespace magicc::runtime {

struct FileState {
  bool exists = false;
  bool regular = false;  // a regular file: not a link, directory or device
  unsigned mode = 0;     // permission bits, when regular
  std::string sha256;    // hex digest of the content, when regular and asked for
};

}  // namespace magicc::runtime
