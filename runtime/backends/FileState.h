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

// A file's content as `read` found it (for --diff): the bytes of a regular
// file no larger than the limit the caller gave; a larger one says only so.
struct FileContent {
  bool regular = false;  // a regular file is there (else nothing to show)
  bool tooLarge = false;
  std::string bytes;
};

}  // namespace magicc::runtime
