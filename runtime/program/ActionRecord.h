// One action on a host (a check, an apply, a command, a file write), as the
// audit log records it: data the resource runner produces and the store
// writes, so neither includes the other.
#pragma once

#include <string>

namespace magicc::runtime {

struct ActionRecord {
  std::string host, node, action, arguments;
  bool ok = true;
  std::string result{};  // "start" before acting; then "ok", "exit 3", "timed out", ...
};

}  // namespace magicc::runtime
