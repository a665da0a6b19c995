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
    if (std::find(secrets_.begin(), secrets_.end(), secret) == secrets_.end()) secrets_.push_back(secret);
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
  std::vector<std::string> secrets_;
};

}  // namespace magicc::runtime
