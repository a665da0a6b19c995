#include "syntax/StringLiteral.h"

#include "support/Utf8.h"

namespace magicc::syntax {

using diag::DiagId;

namespace {

bool isIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool isIdentChar(char c) {
  return isIdentStart(c) || (c >= '0' && c <= '9');
}

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

std::vector<StringPart> decodeString(std::string_view raw, source::SourceLoc start,
                                     diag::DiagnosticEngine& diags, bool terminated, bool report) {
  std::vector<StringPart> parts;
  auto at = [&](std::size_t i) {
    return source::SourceLoc{start.file, start.offset + static_cast<std::uint32_t>(i)};
  };
  auto range = [&](std::size_t b, std::size_t e) { return source::SourceRange(at(b), at(e)); };

  std::size_t end = raw.size();
  if (terminated && end >= 2) --end;    // the closing quote
  std::size_t i = raw.empty() ? 0 : 1;  // after the opening quote

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
    if (c == '\\' && i + 1 < end) {
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
            diags.report(DiagId::BadEscape, range(i, i + 1 + len),
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
    // other '$' is literal, as in the regex "^[a-z]+$".
    std::string_view rest = raw.substr(i + 1, end - i - 1);
    std::size_t len = rest.rfind("host.", 0) == 0 ? dottedNameLength(rest) : identLength(rest);
    if (len) {
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

std::string joinLiteralParts(const std::vector<StringPart>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (p.kind == StringPart::Kind::Interpolation) return {};
    out += p.text;
  }
  return out;
}

}  // namespace magicc::syntax
