#include "diag/ConsoleRenderer.h"

#include <fmt/format.h>

#include <algorithm>

#include "support/Utf8.h"

namespace magicc::diag {

namespace {

constexpr const char* kBold = "\033[1m";
constexpr const char* kReset = "\033[0m";
constexpr const char* kRed = "\033[1;31m";
constexpr const char* kMagenta = "\033[1;35m";
constexpr const char* kCyan = "\033[1;36m";
constexpr const char* kGreen = "\033[1;32m";

// Lines longer than this are shown as a window around the caret.
constexpr std::size_t kMaxShownColumns = 160;

const char* severityColor(Severity s) {
  switch (s) {
    case Severity::Error:
      return kRed;
    case Severity::Warning:
      return kMagenta;
    case Severity::Note:
      return kCyan;
  }
  return kRed;
}

// One source line made printable, with the display column of every byte.
struct DisplayLine {
  std::string text;
  std::vector<std::size_t> columnOfByte;  // size = bytes + 1
};

DisplayLine toDisplay(std::string_view line) {
  DisplayLine d;
  d.columnOfByte.assign(line.size() + 1, 0);
  std::size_t col = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    auto c = static_cast<unsigned char>(line[i]);
    std::size_t len = support::utf8SequenceLength(line.substr(i));
    if (c == '\t') {
      std::size_t spaces = 8 - col % 8;
      d.text.append(spaces, ' ');
      d.columnOfByte[i] = col;
      col += spaces;
      ++i;
    } else if (c < 0x20 || c == 0x7f || len == 0) {
      // Control characters and invalid bytes are shown by value, as clang does.
      std::string shown = fmt::format("<{:02X}>", c);
      d.text += shown;
      d.columnOfByte[i] = col;
      col += shown.size();
      ++i;
    } else {
      d.text.append(line.substr(i, len));
      for (std::size_t k = 0; k < len; ++k) d.columnOfByte[i + k] = col;
      col += 1;
      i += len;
    }
  }
  d.columnOfByte[line.size()] = col;
  return d;
}

}  // namespace

std::string ConsoleRenderer::summary(std::size_t errors, std::size_t warnings) {
  auto plural = [](std::size_t n, const char* word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  if (errors && warnings)
    return plural(warnings, "warning") + " and " + plural(errors, "error") + " generated.";
  if (errors) return plural(errors, "error") + " generated.";
  if (warnings) return plural(warnings, "warning") + " generated.";
  return {};
}

void ConsoleRenderer::render(const Diagnostic& d, std::string& out) const {
  renderOne(d.severity, d.range, d.message, &d.fixIts, out);
  for (const auto& n : d.notes) renderOne(Severity::Note, n.range, n.message, nullptr, out);
}

void ConsoleRenderer::renderOne(Severity severity, source::SourceRange range,
                                const std::string& message, const std::vector<FixIt>* fixIts,
                                std::string& out) const {
  const bool color = options_.color;
  if (color) out += kBold;
  if (range.valid()) {
    auto lc = sources_.lineColumn(range.begin);
    out += fmt::format("{}:{}:{}: ", sources_.name(range.begin.file), lc.line, lc.column);
  } else {
    out += "magicc: ";
  }
  if (color) out += severityColor(severity);
  out += severityName(severity);
  out += ": ";
  if (color) {
    out += kReset;
    out += kBold;
  }
  // Messages quote names from input (inventories, saved plans): no control
  // byte reaches the terminal, whatever the phase that made the message.
  out += support::printable(message, message.size());
  if (color) out += kReset;
  out += '\n';
  if (range.valid()) renderSnippet(range, fixIts, out);
}

void ConsoleRenderer::renderSnippet(source::SourceRange range, const std::vector<FixIt>* fixIts,
                                    std::string& out) const {
  auto begin = sources_.lineColumn(range.begin);
  std::string_view line = sources_.lineText(range.begin.file, begin.line);
  std::size_t beginByte = std::min<std::size_t>(begin.column - 1, line.size());
  std::size_t endByte = beginByte + 1;
  if (range.end.valid() && range.end.file == range.begin.file && range.end > range.begin) {
    auto end = sources_.lineColumn(range.end);
    endByte =
        end.line == begin.line ? std::min<std::size_t>(end.column - 1, line.size()) : line.size();
    endByte = std::max(endByte, beginByte + 1);
  }

  // A long line is first cut to the bytes that can reach the window shown
  // around the caret (a character is at most 4 bytes and at least 1 column),
  // so that a diagnostic costs its window, not its line: 50 errors on a 4 MB
  // line of NULs took 10 s. Only tab stops can differ from the uncut line.
  constexpr std::size_t kReach = 4 * kMaxShownColumns;
  std::size_t cut = 0;  // bytes of the line before the part displayed
  if (line.size() > 3 * kReach) {
    auto continuation = [&](std::size_t i) {
      return (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80;
    };
    cut = beginByte > kReach ? beginByte - kReach : 0;
    while (cut > 0 && continuation(cut)) --cut;
    std::size_t stop = std::min(line.size(), beginByte + kReach);
    while (stop < line.size() && continuation(stop)) ++stop;
    line = line.substr(cut, stop - cut);
    beginByte -= cut;
    endByte = std::min(endByte - cut, line.size());
  }

  DisplayLine shown = toDisplay(line);
  std::size_t caretCol = shown.columnOfByte[beginByte];
  std::size_t endCol = endByte <= line.size() ? shown.columnOfByte[endByte] : caretCol + 1;
  endCol = std::max(endCol, caretCol + 1);

  // Very long lines: show a window around the caret.
  std::size_t windowStart = 0;
  std::string prefix;
  std::string text = shown.text;
  if (text.size() > kMaxShownColumns) {
    windowStart = caretCol > kMaxShownColumns / 2 ? caretCol - kMaxShownColumns / 2 : 0;
    // Display columns and bytes coincide only for ASCII; keep UTF-8 intact by
    // moving to a character boundary.
    std::size_t byteStart = std::min(windowStart, text.size());
    while (byteStart > 0 && (static_cast<unsigned char>(text[byteStart]) & 0xC0) == 0x80)
      --byteStart;
    std::size_t byteEnd = std::min(byteStart + kMaxShownColumns, text.size());
    while (byteEnd < text.size() && (static_cast<unsigned char>(text[byteEnd]) & 0xC0) == 0x80)
      ++byteEnd;
    text = (byteStart > 0 ? "..." : "") + text.substr(byteStart, byteEnd - byteStart) +
           (byteEnd < shown.text.size() ? "..." : "");
    prefix = byteStart > 0 ? "..." : "";
    windowStart = byteStart;
    endCol = std::min(endCol, windowStart + kMaxShownColumns);
  }
  out += text;
  out += '\n';

  std::string marker(prefix.size() + (caretCol - windowStart), ' ');
  if (options_.color) marker += kGreen;
  marker += '^';
  if (endCol > caretCol + 1) marker.append(endCol - caretCol - 1, '~');
  if (options_.color) marker += kReset;
  out += marker;
  out += '\n';

  // Fix-its on this line are shown under the caret, as clang does: on one line
  // while they do not overlap, alternatives at the same place on lines of their own.
  if (fixIts) {
    std::vector<std::string> fixItLines;
    for (const auto& f : *fixIts) {
      if (!f.range.valid() || f.range.begin.file != range.begin.file) continue;
      auto at = sources_.lineColumn(f.range.begin);
      if (at.line != begin.line || f.replacement.find('\n') != std::string::npos) continue;
      if (at.column - 1 < cut) continue;
      std::size_t byte = std::min<std::size_t>(at.column - 1 - cut, shown.columnOfByte.size() - 1);
      std::size_t col = shown.columnOfByte[byte];
      if (col < windowStart) continue;
      col = prefix.size() + col - windowStart;
      auto into = std::find_if(fixItLines.begin(), fixItLines.end(),
                               [&](const std::string& l) { return l.size() <= col; });
      if (into == fixItLines.end()) into = fixItLines.emplace(fixItLines.end());
      into->append(col - into->size(), ' ');
      *into += f.replacement;
    }
    for (const auto& fixItLine : fixItLines) {
      if (options_.color) out += kGreen;
      out += fixItLine;
      if (options_.color) out += kReset;
      out += '\n';
    }
  }
}

}  // namespace magicc::diag
