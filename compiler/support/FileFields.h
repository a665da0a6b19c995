// What the file resource accepts for its path and mode, known to the checker
// and to lowering so that `check` and `plan` refuse what a run would (the
// runtime applies the same rule on the host; it cannot include the compiler).
#pragma once

#include <optional>
#include <string_view>

namespace magicc::support {

inline bool isAbsolutePath(std::string_view path) {
  return !path.empty() && path.front() == '/';
}

// "0644" -> 0644; nullopt unless 3 or 4 octal digits.
inline std::optional<unsigned> parseFileMode(std::string_view text) {
  if (text.size() < 3 || text.size() > 4) return std::nullopt;
  unsigned mode = 0;
  for (char c : text) {
    if (c < '0' || c > '7') return std::nullopt;
    mode = mode * 8 + static_cast<unsigned>(c - '0');
  }
  return mode;
}

}  // namespace magicc::support
