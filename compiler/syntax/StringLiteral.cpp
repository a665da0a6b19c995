#include "syntax/StringLiteral.h"

#include <algorithm>
#include <optional>

#include "support/Utf8.h"
#include "syntax/CharClass.h"

namespace magicc::syntax {

using diag::DiagId;

namespace {

// Length of a plain name at the start of `s`, or 0.
std::size_t identLength(std::string_view s) {
  if (s.empty() || !isIdentStart(s[0])) return 0;
  std::size_t i = 1;
  while (i < s.size() && isIdentChar(s[i])) ++i;
  return i;
}

// Length of a dotted name at the start of `s`, or 0.
std::size_t dottedNameLength(std::string_view s) {
  std::size_t i = 0;
  for (;;) {
    if (i >= s.size() || !isIdentStart(s[i])) return 0;
    while (i < s.size() && isIdentChar(s[i])) ++i;
    if (i < s.size() && s[i] == '.') {
      ++i;
      continue;
    }
    return i;
  }
}

}  // namespace

namespace {

// The text a literal stands for, before escapes and ${...} are decoded, and
// where each of its bytes sits in the source (offsets from the literal's
// start; one more at the end, where the text ends).
struct Body {
  std::string text;
  std::vector<std::uint32_t> at;
};

bool isBlank(char c) {
  return c == ' ' || c == '\t';
}

// A multi-line string's lines with their common indentation stripped (as
// Kotlin's trimIndent): a first line of only blanks (often just the line
// break after the opening quotes) is dropped, so is a last one, and
// lines of only blanks neither count nor keep their blanks. "\r\n" reads as "\n".
Body dedented(std::string_view raw, std::size_t begin, std::size_t end) {
  // A first line of only blanks goes with its line break.
  std::size_t first = begin;
  while (first < end && isBlank(raw[first])) ++first;
  if (raw.substr(first, 2) == "\r\n" && first + 2 <= end)
    begin = first + 2;
  else if (first < end && raw[first] == '\n')
    begin = first + 1;
  struct Line {
    std::size_t begin, end;  // without the line break
    bool blank;
  };
  std::vector<Line> lines;
  for (std::size_t b = begin;;) {
    std::size_t nl = raw.find('\n', b);
    if (nl == std::string_view::npos || nl >= end) nl = end;
    std::size_t e = nl;
    if (e > b && e < end && raw[e - 1] == '\r') --e;
    bool blank = true;
    for (std::size_t i = b; i < e && blank; ++i) blank = isBlank(raw[i]);
    lines.push_back({b, e, blank});
    if (nl == end) break;
    b = nl + 1;
  }
  std::size_t closing = end;
  if (lines.size() > 1 && lines.back().blank) {
    lines.pop_back();
    closing = lines.back().end;
  } else if (lines.size() == 1 && lines.back().blank) {
    lines.back().end = lines.back().begin;
    closing = lines.back().begin;
  }
  // The common indentation: the longest run of blanks every non-blank line starts with.
  std::optional<std::string_view> indent;
  for (const Line& l : lines) {
    if (l.blank) continue;
    std::size_t n = 0;
    while (l.begin + n < l.end && isBlank(raw[l.begin + n])) ++n;
    std::string_view mine = raw.substr(l.begin, n);
    if (!indent) {
      indent = mine;
      continue;
    }
    std::size_t common = 0;
    while (common < indent->size() && common < mine.size() && (*indent)[common] == mine[common])
      ++common;
    indent = indent->substr(0, common);
  }
  Body body;
  for (std::size_t li = 0; li < lines.size(); ++li) {
    const Line& l = lines[li];
    if (li > 0) {
      // The line break that ends the line before.
      body.text += '\n';
      body.at.push_back(static_cast<std::uint32_t>(lines[li - 1].end));
    }
    std::size_t from = l.blank ? l.end : l.begin + (indent ? indent->size() : 0);
    for (std::size_t i = from; i < l.end; ++i) {
      body.text += raw[i];
      body.at.push_back(static_cast<std::uint32_t>(i));
    }
  }
  body.at.push_back(static_cast<std::uint32_t>(closing));
  return body;
}

Body plain(std::string_view raw, std::size_t begin, std::size_t end) {
  Body body;
  body.text = std::string(raw.substr(begin, end - begin));
  body.at.reserve(body.text.size() + 1);
  for (std::size_t i = begin; i <= end; ++i) body.at.push_back(static_cast<std::uint32_t>(i));
  return body;
}

enum class Mode { String, Template };

// Decodes a body: escapes (strings only), `$$`, `${name}` and, in strings, `$NAME`.
std::vector<StringPart> decodeBody(const Body& body, source::SourceLoc start, Mode mode,
                                   diag::DiagnosticEngine& diags, bool report) {
  std::vector<StringPart> parts;
  std::string_view raw = body.text;
  auto at = [&](std::size_t i) { return source::SourceLoc{start.file, start.offset + body.at[i]}; };
  auto range = [&](std::size_t b, std::size_t e) { return source::SourceRange(at(b), at(e)); };

  const std::size_t end = raw.size();
  std::size_t i = 0;
  StringPart literal;
  std::size_t literalStart = i;
  auto flush = [&](std::size_t upTo) {
    if (!literal.text.empty()) {
      literal.kind = StringPart::Kind::Literal;
      literal.range = range(literalStart, upTo);
      parts.push_back(std::move(literal));
    }
    literal = StringPart{};
  };

  while (i < end) {
    char c = raw[i];
    if (mode == Mode::String && c == '\\' && i + 1 < end) {
      char e = raw[i + 1];
      switch (e) {
        case '"':
          literal.text += '"';
          break;
        case '\\':
          literal.text += '\\';
          break;
        case 'n':
          literal.text += '\n';
          break;
        case 't':
          literal.text += '\t';
          break;
        default:
          if (report) {
            std::size_t len =
                std::max<std::size_t>(1, support::utf8SequenceLength(raw.substr(i + 1)));
            diags.report(DiagId::BadEscape, range(i, std::min(end, i + 1 + len)),
                         support::printable(raw.substr(i + 1, len)));
          }
          break;
      }
      i += 2;
      continue;
    }
    if (c != '$') {
      literal.text += c;
      ++i;
      continue;
    }
    // '$$' is a literal '$'; '${name}' an interpolation; anything else a mistake.
    if (i + 1 < end && raw[i + 1] == '$') {
      literal.text += '$';
      i += 2;
      continue;
    }
    if (i + 1 < end && raw[i + 1] == '{') {
      std::size_t close = raw.find('}', i + 2);
      if (close == std::string_view::npos || close >= end) {
        if (report) diags.report(DiagId::UnterminatedInterpolation, range(i, i + 2));
        i = end;
        break;
      }
      std::string_view inner = raw.substr(i + 2, close - i - 2);
      std::size_t len = dottedNameLength(inner);
      if (len == 0 || len != inner.size()) {
        if (report)
          diags.report(DiagId::BadInterpolation, range(i, close + 1),
                       inner.empty() ? std::string("}") : support::printable(inner));
      } else {
        flush(i);
        StringPart part;
        part.kind = StringPart::Kind::Interpolation;
        part.text = std::string(inner);
        part.range = range(i, close + 1);
        parts.push_back(std::move(part));
      }
      i = close + 1;
      literalStart = i;
      continue;
    }
    // '$NAME' is kept verbatim as a shell variable part; the checker knows
    // which names are params (a forgotten '{...}') and which strings are
    // commands. '$host.x' keeps its dots so the fix-it can name it whole. Any
    // other '$' is literal, as in the regex "^[a-z]+$". A template is no
    // command: there '$NAME' is text, as nginx's `$host` is.
    std::string_view rest = raw.substr(i + 1, end - i - 1);
    std::size_t len = rest.rfind("host.", 0) == 0 ? dottedNameLength(rest) : identLength(rest);
    if (len && mode == Mode::String) {
      flush(i);
      StringPart part;
      part.kind = StringPart::Kind::ShellVariable;
      part.text = raw.substr(i, 1 + len);
      part.range = range(i, i + 1 + len);
      parts.push_back(std::move(part));
      i += 1 + len;
      literalStart = i;
      continue;
    }
    literal.text += '$';
    ++i;
  }
  flush(i);
  return parts;
}

}  // namespace

bool isMultilineString(std::string_view raw) {
  return raw.substr(0, 3) == "\"\"\"";
}

std::vector<StringPart> decodeString(std::string_view raw, source::SourceLoc start,
                                     diag::DiagnosticEngine& diags, bool terminated, bool report) {
  if (isMultilineString(raw)) {
    std::size_t end = raw.size();
    if (terminated && end >= 6) end -= 3;  // the closing quotes
    return decodeBody(dedented(raw, 3, end), start, Mode::String, diags, report);
  }
  std::size_t end = raw.size();
  if (terminated && end >= 2) --end;        // the closing quote
  std::size_t begin = raw.empty() ? 0 : 1;  // after the opening quote
  return decodeBody(plain(raw, begin, end), start, Mode::String, diags, report);
}

std::vector<StringPart> decodeTemplate(std::string_view text, source::SourceLoc start,
                                       diag::DiagnosticEngine& diags) {
  return decodeBody(plain(text, 0, text.size()), start, Mode::Template, diags, true);
}

std::string joinLiteralParts(const std::vector<StringPart>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (p.kind == StringPart::Kind::Interpolation) return {};
    out += p.text;
  }
  return out;
}

}  // namespace magicc::syntax
