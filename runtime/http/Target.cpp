#include "http/Target.h"

#include <cctype>

namespace magicc::http {
namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX escapes (and `+` as a space in a query); false on a bad escape.
bool decode(std::string_view text, bool plusIsSpace, std::string& out) {
  out.clear();
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return false;
      int hi = hexValue(text[i + 1]);
      int lo = hexValue(text[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plusIsSpace) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

}  // namespace

std::string Target::param(const std::string& name, std::string fallback) const {
  auto it = query.find(name);
  return it == query.end() ? std::move(fallback) : it->second;
}

std::optional<Target> parseTarget(std::string_view target) {
  if (target.empty() || target.front() != '/') return std::nullopt;
  Target result;
  std::string_view path = target;
  std::string_view query;
  if (auto mark = target.find('?'); mark != std::string_view::npos) {
    path = target.substr(0, mark);
    query = target.substr(mark + 1);
  }
  if (!decode(path, false, result.path)) return std::nullopt;
  // Split the raw path, then decode each segment: an escaped "/" stays
  // inside its segment.
  std::string_view rest = path.substr(1);
  while (true) {
    auto slash = rest.find('/');
    std::string segment;
    if (!decode(rest.substr(0, slash), false, segment)) return std::nullopt;
    result.segments.push_back(std::move(segment));
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  if (result.segments.size() == 1 && result.segments.front().empty()) result.segments.clear();
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    auto eq = pair.find('=');
    std::string key;
    std::string value;
    if (!decode(pair.substr(0, eq), true, key)) return std::nullopt;
    if (eq != std::string_view::npos && !decode(pair.substr(eq + 1), true, value))
      return std::nullopt;
    if (!key.empty()) result.query[key] = value;
    if (amp == std::string_view::npos) break;
    query = query.substr(amp + 1);
  }
  return result;
}

std::string percentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace magicc::http
