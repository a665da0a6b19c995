// LSP positions are (line, character) where a character counts UTF-16 code
// units unless the client agreed to UTF-8 (positionEncoding); the compiler
// counts bytes. A LineIndex converts between the two for one text.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace magicc::lsp {

enum class Encoding : std::uint8_t { Utf8, Utf16 };

struct Position {
  std::uint32_t line = 0;
  std::uint32_t character = 0;
  friend bool operator==(const Position&, const Position&) = default;
  friend auto operator<=>(const Position&, const Position&) = default;
};

struct Range {
  Position start;
  Position end;
  friend bool operator==(const Range&, const Range&) = default;
};

class LineIndex {
 public:
  LineIndex(std::string_view text, Encoding encoding);

  Position position(std::uint32_t offset) const;
  // Positions past a line's end clamp to it; past the last line, to the end.
  std::uint32_t offset(Position position) const;
  Range range(std::uint32_t begin, std::uint32_t end) const {
    return {position(begin), position(end)};
  }

 private:
  std::string_view text_;
  Encoding encoding_;
  std::vector<std::uint32_t> lineStarts_;
};

}  // namespace magicc::lsp
