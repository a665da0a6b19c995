// Secrets known to a run (secret params, generated passwords, secret
// outputs): every text magicc prints, logs or journals passes through
// redact(), which replaces each of them with "(sensitive)".
#pragma once

#include <algorithm>
#include <nlohmann/json.hpp>
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
  // Exactly as the JSON encoder writes it, quotes dropped.
  static std::string jsonEscaped(const std::string& s) {
    std::string quoted =
        nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return quoted.substr(1, quoted.size() - 2);
  }

  std::vector<std::string> secrets_;
};

}  // namespace magicc::runtime
