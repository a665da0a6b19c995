#include "support/Utf8.h"

#include <fmt/format.h>

namespace magicc::support {

std::size_t utf8SequenceLength(std::string_view s) {
  if (s.empty()) return 0;
  auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char c = b(0);
  if (c < 0x80) return 1;
  std::size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (s.size() < len) return 0;
  if (b(1) < lo || b(1) > hi) return 0;
  for (std::size_t i = 2; i < len; ++i)
    if (b(i) < 0x80 || b(i) > 0xBF) return 0;
  return len;
}

namespace {

// Whether the valid UTF-8 sequence of `len` bytes at s[i] is not printable.
bool unprintableAt(std::string_view s, std::size_t i, std::size_t len) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  if (b(0) < 0x20 || b(0) == 0x7f) return true;
  if (len == 2 && b(0) == 0xC2 && b(1) <= 0x9F) return true;  // C1: U+0080..U+009F
  if (len == 3 && b(0) == 0xE2) {
    // U+200E/F (marks), U+2028..U+202E (separators, embeddings), U+2066..U+2069 (isolates)
    if (b(1) == 0x80 && (b(2) == 0x8E || b(2) == 0x8F || (b(2) >= 0xA8 && b(2) <= 0xAE)))
      return true;
    if (b(1) == 0x81 && b(2) >= 0xA6 && b(2) <= 0xA9) return true;
  }
  return false;
}

}  // namespace

std::size_t findUnprintable(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t len = utf8SequenceLength(s.substr(i));
    if (len == 0 || unprintableAt(s, i, len)) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string printable(std::string_view s, std::size_t limit) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size() && i < limit) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = utf8SequenceLength(s.substr(i));
    if (len == 0) {
      out += fmt::format("\\x{:02X}", c);
      ++i;
    } else if (unprintableAt(s, i, len)) {
      for (std::size_t k = 0; k < len; ++k)
        out += fmt::format("\\x{:02X}", static_cast<unsigned char>(s[i + k]));
      i += len;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  if (i < s.size()) out += "...";
  return out;
}

}  // namespace magicc::support
