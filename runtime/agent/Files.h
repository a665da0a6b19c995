// The agent's file routes on this machine: which paths a request may name,
// a path's state as JSON (a link is not followed), an atomic write with
// mode and owner, a remove.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace magicc::agent {

// Why `path` may not be used ("" when it may): it must be absolute, without
// NUL, `.` or `..` segments, and under `under` when that is set. `outside`
// tells a path outside `under` (403) from a malformed one (400).
std::string checkFilePath(const std::string& path, const std::string& under, bool& outside);

// `{"path","exists",...}` as docs/agent.md says; `error` when it cannot be read.
nlohmann::json fileStat(const std::string& path, bool digest, std::string& error);

// "root", "root:adm", "0:0" to ids; nothing (and `error`) if unknown.
struct Owner {
  int uid = -1, gid = -1;
};
std::optional<Owner> parseOwner(const std::string& text, std::string& error);
// "0644" or "644" to permission bits; nothing if not octal or over 07777.
std::optional<unsigned> parseMode(const std::string& text);

// Writes atomically, then sets the owner; "" or why not.
std::string putFile(const std::string& path, const std::string& content, unsigned mode,
                    const std::optional<Owner>& owner);

}  // namespace magicc::agent
