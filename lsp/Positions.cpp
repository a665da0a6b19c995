#include "lsp/Positions.h"

#include <algorithm>

namespace magicc::lsp {

namespace {

// The length of the UTF-8 sequence that starts with `lead` (1 for a stray byte).
std::uint32_t sequenceLength(unsigned char lead) {
  if (lead >= 0xF0 && lead < 0xF8) return 4;
  if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

}  // namespace

LineIndex::LineIndex(std::string_view text, Encoding encoding) : text_(text), encoding_(encoding) {
  lineStarts_.push_back(0);
  for (std::uint32_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') lineStarts_.push_back(i + 1);
}

Position LineIndex::position(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
  std::uint32_t line = static_cast<std::uint32_t>(it - lineStarts_.begin()) - 1;
  std::uint32_t start = lineStarts_[line];
  if (encoding_ == Encoding::Utf8) return {line, offset - start};
  std::uint32_t units = 0;
  for (std::uint32_t i = start; i < offset;) {
    std::uint32_t n = sequenceLength(static_cast<unsigned char>(text_[i]));
    units += n == 4 ? 2 : 1;
    i += n;
  }
  return {line, units};
}

std::uint32_t LineIndex::offset(Position position) const {
  if (position.line >= lineStarts_.size()) return static_cast<std::uint32_t>(text_.size());
  std::uint32_t start = lineStarts_[position.line];
  std::uint32_t end = position.line + 1 < lineStarts_.size()
                          ? lineStarts_[position.line + 1] - 1
                          : static_cast<std::uint32_t>(text_.size());
  if (end > start && text_[end - 1] == '\r') --end;
  if (encoding_ == Encoding::Utf8) return std::min(start + position.character, end);
  std::uint32_t units = 0, i = start;
  while (i < end && units < position.character) {
    std::uint32_t n = sequenceLength(static_cast<unsigned char>(text_[i]));
    units += n == 4 ? 2 : 1;
    i = std::min(i + n, end);
  }
  return i;
}

}  // namespace magicc::lsp
