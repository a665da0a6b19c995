// Durations, counts and shares (a count or a percentage) written as text,
// as params carry them: one parser each, for the checker, the planner and
// lowering.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace magicc::support {

// Digits and a unit (ms, s, m, h), at most a year: "90s", "5m", "250ms".
std::optional<std::chrono::milliseconds> parseDuration(std::string_view text);
// The one way a duration is written back: in the largest unit that divides
// it ("30s", "2m", "1500ms"), whether it came from a literal or a -D.
std::string formatDuration(std::chrono::milliseconds duration);
// The whole text as a decimal 64-bit integer (an optional leading '-').
std::optional<long long> parseInteger(std::string_view text);

// A count ("3") or a percentage ("25%", at most 100) of some total.
struct Share {
  long long value = 0;
  bool percent = false;
  std::size_t of(std::size_t total) const {
    return percent ? static_cast<std::size_t>(value) * total / 100
                   : static_cast<std::size_t>(value);
  }
};
std::optional<Share> parseShare(std::string_view text);

}  // namespace magicc::support
