#include "http/Tokens.h"

#include <sodium.h>

#include <fstream>
#include <sstream>

namespace magicc::http {
namespace {

std::string digestOf(std::string_view token) {
  std::string digest(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(digest.data()),
                     reinterpret_cast<const unsigned char*>(token.data()), token.size());
  return digest;
}

std::vector<std::string> words(std::string_view line) {
  std::vector<std::string> out;
  std::istringstream in{std::string(line)};
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

bool readFile(const std::string& path, std::string& text, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read token file " + path;
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return true;
}

// The lines of a token file that say something: comments and blanks dropped.
std::vector<std::pair<int, std::vector<std::string>>> meaningfulLines(std::string_view text) {
  std::vector<std::pair<int, std::vector<std::string>>> lines;
  int number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    std::string_view line =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    ++number;
    auto hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    auto fields = words(line);
    if (!fields.empty()) lines.emplace_back(number, std::move(fields));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

}  // namespace

std::string_view scopeName(Scope scope) {
  switch (scope) {
    case Scope::Read:
      return "read";
    case Scope::Run:
      return "run";
    case Scope::Admin:
      return "admin";
  }
  return "read";
}

std::optional<Scope> parseScope(std::string_view name) {
  if (name == "read") return Scope::Read;
  if (name == "run") return Scope::Run;
  if (name == "admin") return Scope::Admin;
  return std::nullopt;
}

std::optional<TokenSet> TokenSet::parse(std::string_view text, std::string& error) {
  if (sodium_init() < 0) {
    error = "libsodium failed to start";
    return std::nullopt;
  }
  auto lines = meaningfulLines(text);
  TokenSet set;
  if (lines.size() == 1 && lines.front().second.size() == 1) {
    set.add("default", Scope::Admin, lines.front().second.front());
    return set;
  }
  for (auto& [number, fields] : lines) {
    if (fields.size() != 3) {
      error = "line " + std::to_string(number) + ": expected NAME SCOPE TOKEN";
      return std::nullopt;
    }
    auto scope = parseScope(fields[1]);
    if (!scope) {
      error = "line " + std::to_string(number) + ": unknown scope '" + fields[1] +
              "' (read, run or admin)";
      return std::nullopt;
    }
    set.add(fields[0], *scope, fields[2]);
  }
  if (set.entries_.empty()) {
    error = "no tokens";
    return std::nullopt;
  }
  return set;
}

void TokenSet::add(const std::string& name, Scope scope, std::string_view token) {
  Entry entry;
  entry.credential.name = name;
  entry.credential.scope = scope;
  entry.digest = digestOf(token);
  entries_.push_back(std::move(entry));
}

std::optional<TokenSet> TokenSet::load(const std::string& path, std::string& error) {
  std::string text;
  if (!readFile(path, text, error)) return std::nullopt;
  auto set = parse(text, error);
  if (!set) error = path + ": " + error;
  return set;
}

std::optional<Credential> TokenSet::authenticate(std::string_view token) const {
  std::string digest = digestOf(token);
  std::optional<Credential> found;
  // Every entry is compared, whatever matched: the time says nothing.
  for (const Entry& entry : entries_) {
    if (sodium_memcmp(entry.digest.data(), digest.data(), digest.size()) == 0 && !found)
      found = entry.credential;
  }
  return found;
}

std::optional<Credential> TokenSet::authenticate(const Request& request) const {
  auto header = request.find(bhttp::field::authorization);
  if (header == request.end()) return std::nullopt;
  std::string_view value{header->value().data(), header->value().size()};
  constexpr std::string_view kBearer = "Bearer ";
  if (value.size() <= kBearer.size() || value.substr(0, kBearer.size()) != kBearer)
    return std::nullopt;
  return authenticate(value.substr(kBearer.size()));
}

std::optional<std::string> readClientToken(const std::string& path, std::string& error) {
  std::string text;
  if (!readFile(path, text, error)) return std::nullopt;
  auto lines = meaningfulLines(text);
  if (lines.empty()) {
    error = path + ": no token";
    return std::nullopt;
  }
  return lines.front().second.back();
}

}  // namespace magicc::http
