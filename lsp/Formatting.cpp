// Formatting and range formatting, both by compiler/format (as magicc fmt).
#include "format/Format.h"
#include "lsp/Features.h"

namespace magicc::lsp {

namespace {

std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

json formatting(Context& c, const json& params) {
  const Document& doc = c.workspace.get(documentUri(params));
  format::FormatResult result = format::formatSource(doc.text);
  if (!result.ok()) throw LspError(ErrorCode::RequestFailed, "not formatted: " + result.error);
  json edits = json::array();
  if (result.text == doc.text) return edits;
  LineIndex index(doc.text, c.encoding);
  edits.push_back(
      TextEdit{index.range(0, static_cast<std::uint32_t>(doc.text.size())), result.text});
  return edits;
}

// The formatter keeps every line that has a token or a comment, in order
// (it only drops blank lines), so the lines of the range are paired with
// their formatted selves and replaced one by one.
json rangeFormatting(Context& c, const json& params) {
  const Document& doc = c.workspace.get(documentUri(params));
  Range range = required<Range>(params, "range");
  format::FormatResult result = format::formatSource(doc.text);
  if (!result.ok()) throw LspError(ErrorCode::RequestFailed, "not formatted: " + result.error);
  std::vector<std::string_view> before = splitLines(doc.text), after = splitLines(result.text);
  std::erase_if(after, blank);
  LineIndex index(doc.text, c.encoding);
  json edits = json::array();
  std::size_t next = 0;
  for (std::uint32_t line = 0; line < before.size(); ++line) {
    if (blank(before[line])) continue;
    if (next >= after.size()) break;
    std::string_view formatted = after[next++];
    std::string_view original = before[line];
    if (!original.empty() && original.back() == '\r') original.remove_suffix(1);
    if (line < range.start.line || line > range.end.line || formatted == original) continue;
    edits.push_back(TextEdit{
        {{line, 0},
         index.position(index.offset({line, 0}) + static_cast<std::uint32_t>(original.size()))},
        std::string(formatted)});
  }
  return edits;
}

}  // namespace magicc::lsp
