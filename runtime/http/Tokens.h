// Bearer tokens and what each may do. A token file holds one token per
// line, `NAME SCOPE TOKEN` (scope `read`, `run` or `admin`; `#` starts a
// comment), or a single bare token, which grants every scope. Tokens are
// compared in constant time; only a token's name is ever logged.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/Message.h"

namespace magicc::http {

enum class Scope { Read = 0, Run = 1, Admin = 2 };

std::string_view scopeName(Scope scope);
std::optional<Scope> parseScope(std::string_view name);

struct Credential {
  std::string name;
  Scope scope = Scope::Read;
  bool allows(Scope needed) const { return scope >= needed; }
};

class TokenSet {
 public:
  // Parses a token file's text; `error` says which line is wrong (never
  // quoting a token).
  static std::optional<TokenSet> parse(std::string_view text, std::string& error);
  // Reads and parses the file at `path`.
  static std::optional<TokenSet> load(const std::string& path, std::string& error);

  // The credential of a request's `Authorization: Bearer ...`, if any.
  std::optional<Credential> authenticate(const Request& request) const;
  std::optional<Credential> authenticate(std::string_view token) const;
  bool empty() const { return entries_.empty(); }

 private:
  struct Entry {
    Credential credential;
    std::string digest;  // SHA-256 of the token: equal length for every compare
  };
  void add(const std::string& name, Scope scope, std::string_view token);
  std::vector<Entry> entries_;
};

// The first token of a token file, for a client to send.
std::optional<std::string> readClientToken(const std::string& path, std::string& error);

}  // namespace magicc::http
