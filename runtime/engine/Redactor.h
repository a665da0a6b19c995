// Secrets known to a run (secret params, generated passwords, secret
// outputs): every text magicc prints, logs or journals passes through
// redact(), which replaces each of them with "(sensitive)".
#pragma once

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
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
  // Every form it hides, longest first (the agent is handed these).
  const std::vector<std::string>& secrets() const { return secrets_; }

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

// Redacts a stream that arrives in pieces: a secret split between two
// pieces is still found, because the end of each piece that could begin one
// is held back until the next piece (or the end).
class StreamRedactor {
 public:
  explicit StreamRedactor(const Redactor& redactor) : redactor_(redactor) {
    for (const auto& s : redactor.secrets()) longest_ = std::max(longest_, s.size());
  }
  // What of `piece` (after what was held back) can be written now.
  std::string feed(std::string_view piece) {
    held_.append(piece);
    if (longest_ == 0) return std::exchange(held_, {});
    std::size_t cut = held_.size() > longest_ - 1 ? held_.size() - (longest_ - 1) : 0;
    // Keep back a secret that starts before the cut and ends after it.
    for (bool moved = true; moved && cut > 0;) {
      moved = false;
      for (const auto& s : redactor_.secrets()) {
        std::size_t from = cut > s.size() ? cut - s.size() + 1 : 0;
        std::size_t at = held_.find(s, from);
        if (at != std::string::npos && at < cut && at + s.size() > cut) {
          cut = at;
          moved = true;
        }
      }
    }
    std::string out = redactor_.redact(held_.substr(0, cut));
    held_.erase(0, cut);
    return out;
  }
  // The rest, at the end of the stream.
  std::string finish() { return redactor_.redact(std::exchange(held_, {})); }

 private:
  const Redactor& redactor_;
  std::size_t longest_ = 0;
  std::string held_;
};

}  // namespace magicc::runtime
