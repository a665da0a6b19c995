// A file system with only the fuzz input in it: whatever a program imports,
// an inventory's group_vars/ or a `source:` names, nothing is read from the
// machine running the fuzzer.
#pragma once

#include <string>

#include "source/FileSystem.h"

namespace magicc::fuzz {

class NoFiles final : public source::FileSystem {
 public:
  std::string canonical(const std::string& path) const override { return path; }
  bool exists(const std::string&) const override { return false; }
  source::FileContents read(const std::string&) const override {
    return {"", "No such file or directory"};
  }
};

}  // namespace magicc::fuzz
