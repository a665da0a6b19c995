// Secrets known to a run (secret params, generated passwords, secret
// outputs): every text magicc prints, logs or journals passes through
// redact(), which replaces each of them with "(sensitive)".
#pragma once

#include <algorithm>
#include <string>
#include <vector>

namespace magicc::runtime {

class Redactor {
 public:
  void add(const std::string& secret) {
    // Very short values would redact ordinary text and hide nothing.
    if (secret.size() < 4) return;
    insert(secret);
    // As it appears inside JSON (events, the journal's JSON values).
    std::string escaped = jsonEscaped(secret);
    if (escaped != secret) insert(escaped);
  }
  std::string redact(std::string text) const {
    for (const auto& s : secrets_) {
      std::size_t pos = 0;
      while ((pos = text.find(s, pos)) != std::string::npos) {
        text.replace(pos, s.size(), "(sensitive)");
        pos += 11;
      }
    }
    return text;
  }
  bool empty() const { return secrets_.empty(); }

 private:
  void insert(const std::string& s) {
    if (std::find(secrets_.begin(), secrets_.end(), s) != secrets_.end()) return;
    // Longest first: a secret that contains another is replaced whole.
    auto at = std::find_if(secrets_.begin(), secrets_.end(),
                           [&](const std::string& o) { return o.size() < s.size(); });
    secrets_.insert(at, s);
  }
  static std::string jsonEscaped(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        default:
          if (c < 0x20) {
            static const char* hex = "0123456789abcdef";
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
          } else {
            out += static_cast<char>(c);
          }
      }
    }
    return out;
  }

  std::vector<std::string> secrets_;
};

}  // namespace magicc::runtime
