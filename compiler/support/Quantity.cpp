#include "support/Quantity.h"

#include <charconv>

namespace magicc::support {

std::optional<long long> parseInteger(std::string_view text) {
  long long n = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return n;
}

std::optional<std::chrono::milliseconds> parseDuration(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  std::string_view unit = text.substr(digits);
  long long scale = unit == "ms"  ? 1
                    : unit == "s" ? 1000
                    : unit == "m" ? 60000
                    : unit == "h" ? 3600000
                                  : 0;
  auto n = parseInteger(text.substr(0, digits));
  // Beyond a year a timeout or a delay means nothing.
  constexpr long long kYear = 365LL * 24 * 3600 * 1000;
  if (digits == 0 || scale == 0 || !n || *n > kYear / scale) return std::nullopt;
  return std::chrono::milliseconds(*n * scale);
}

std::string formatDuration(std::chrono::milliseconds duration) {
  long long ms = duration.count();
  if (ms != 0 && ms % 3600000 == 0) return std::to_string(ms / 3600000) + "h";
  if (ms != 0 && ms % 60000 == 0) return std::to_string(ms / 60000) + "m";
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + "s";
  return std::to_string(ms) + "ms";
}

std::optional<Share> parseShare(std::string_view text) {
  bool percent = !text.empty() && text.back() == '%';
  auto n = parseInteger(percent ? text.substr(0, text.size() - 1) : text);
  if (!n || *n < 0 || (percent && *n > 100)) return std::nullopt;
  return Share{*n, percent};
}

}  // namespace magicc::support
