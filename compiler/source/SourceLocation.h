// Positions in source text: a file id and a byte offset. Line and column are
// computed on demand by the SourceManager, so locations stay 8 bytes.
#pragma once

#include <cstdint>
#include <limits>

namespace magicc::source {

using FileId = std::uint32_t;
inline constexpr FileId kInvalidFile = std::numeric_limits<FileId>::max();

struct SourceLoc {
  FileId file = kInvalidFile;
  std::uint32_t offset = 0;

  bool valid() const { return file != kInvalidFile; }
  friend bool operator==(const SourceLoc&, const SourceLoc&) = default;
  friend auto operator<=>(const SourceLoc&, const SourceLoc&) = default;
};

// A half-open byte range [begin, end) within one file.
struct SourceRange {
  SourceLoc begin;
  SourceLoc end;

  SourceRange() = default;
  SourceRange(SourceLoc b, SourceLoc e) : begin(b), end(e) {}
  explicit SourceRange(SourceLoc at) : begin(at), end(at) {}

  bool valid() const { return begin.valid(); }
  static SourceRange cover(SourceRange a, SourceRange b) {
    if (!a.valid()) return b;
    if (!b.valid()) return a;
    return {a.begin < b.begin ? a.begin : b.begin, a.end < b.end ? b.end : a.end};
  }
  friend bool operator==(const SourceRange&, const SourceRange&) = default;
};

// 1-based line and byte column, as clang prints them.
struct LineColumn {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

}  // namespace magicc::source
