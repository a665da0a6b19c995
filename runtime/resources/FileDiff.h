// What --diff shows of a `file` resource that changes (or, with --check,
// would): a unified diff of its content as Ansible's --diff prints it, with
// a header naming the path and the host, a created file against nothing,
// a removed one against nothing, a mode change as "mode 0644 -> 0600".
// Secret content is never shown (only how many lines changed), nor binary
// or large content.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace magicc::runtime {

// The most content --diff reads and shows, either side.
inline constexpr std::size_t kDiffLimit = 64 * 1024;

struct FileSide {
  bool exists = false;
  unsigned mode = 0;
  // The content: none when it was not read (a mode change only), too large
  // or unreadable (then `unreadable` says why).
  std::optional<std::string> content;
  bool tooLarge = false;
  std::string unreadable;
};

struct FileDiffInput {
  std::string host, path;
  FileSide before, after;
  bool secret = false;  // the content is (or holds) a secret value
};

std::string fileDiff(const FileDiffInput& input);

}  // namespace magicc::runtime
