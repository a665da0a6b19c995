#include "agent/Files.h"

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "backends/LocalFiles.h"

namespace magicc::agent {

std::string checkFilePath(const std::string& path, const std::string& under, bool& outside) {
  outside = false;
  if (path.empty() || path[0] != '/') return "path must be absolute";
  if (path.find('\0') != std::string::npos) return "path must not contain NUL";
  if (path.size() > 4096) return "path is too long";
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    std::string_view segment(path.data() + start, slash - start);
    if (segment == "." || segment == "..") return "path must not contain . or .. segments";
    start = slash + 1;
  }
  if (!under.empty() && under != "/") {
    bool inside = path.size() > under.size() && path.compare(0, under.size(), under) == 0 &&
                  path[under.size()] == '/';
    if (!inside) {
      outside = true;
      return "path is outside " + under;
    }
  }
  return {};
}

std::optional<unsigned> parseMode(const std::string& text) {
  if (text.empty() || text.size() > 5) return std::nullopt;
  unsigned mode = 0;
  for (char c : text) {
    if (c < '0' || c > '7') return std::nullopt;
    mode = mode * 8 + static_cast<unsigned>(c - '0');
  }
  if (mode > 07777) return std::nullopt;
  return mode;
}

std::optional<Owner> parseOwner(const std::string& text, std::string& error) {
  auto colon = text.find(':');
  std::string user = text.substr(0, colon);
  std::string group = colon == std::string::npos ? std::string() : text.substr(colon + 1);
  auto number = [](const std::string& s) -> int {
    if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos)
      return -1;
    return std::atoi(s.c_str());
  };
  Owner owner;
  if (!user.empty()) {
    owner.uid = number(user);
    if (owner.uid < 0) {
      struct passwd pw {};
      struct passwd* found = nullptr;
      char buf[4096];
      if (getpwnam_r(user.c_str(), &pw, buf, sizeof buf, &found) != 0 || !found) {
        error = "unknown user '" + user + "'";
        return std::nullopt;
      }
      owner.uid = static_cast<int>(found->pw_uid);
    }
  }
  if (!group.empty()) {
    owner.gid = number(group);
    if (owner.gid < 0) {
      struct group gr {};
      struct group* found = nullptr;
      char buf[4096];
      if (getgrnam_r(group.c_str(), &gr, buf, sizeof buf, &found) != 0 || !found) {
        error = "unknown group '" + group + "'";
        return std::nullopt;
      }
      owner.gid = static_cast<int>(found->gr_gid);
    }
  }
  if (owner.uid < 0 && owner.gid < 0) {
    error = "owner must be USER or USER:GROUP";
    return std::nullopt;
  }
  return owner;
}

nlohmann::json fileStat(const std::string& path, bool digest, std::string& error) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return {{"path", path}, {"exists", false}};
    error = "cannot stat " + path + ": " + std::strerror(errno);
    return {};
  }
  const char* type = S_ISREG(st.st_mode)   ? "file"
                     : S_ISDIR(st.st_mode) ? "directory"
                     : S_ISLNK(st.st_mode) ? "symlink"
                                           : "other";
  char mode[8];
  std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
  nlohmann::json out = {{"path", path},    {"exists", true},
                        {"type", type},    {"size", static_cast<long long>(st.st_size)},
                        {"mode", mode},    {"uid", st.st_uid},
                        {"gid", st.st_gid}};
  char buf[4096];
  struct passwd pw {};
  struct passwd* user = nullptr;
  if (getpwuid_r(st.st_uid, &pw, buf, sizeof buf, &user) == 0 && user) out["owner"] = user->pw_name;
  struct group gr {};
  struct group* group = nullptr;
  if (getgrgid_r(st.st_gid, &gr, buf, sizeof buf, &group) == 0 && group)
    out["group"] = group->gr_name;
  if (digest && S_ISREG(st.st_mode)) {
    auto state = runtime::readFileState(path, error, true);
    if (!state) return {};
    out["sha256"] = state->sha256;
  }
  return out;
}

std::string putFile(const std::string& path, const std::string& content, unsigned mode,
                    const std::optional<Owner>& owner) {
  if (std::string error = runtime::writeFileAtomically(path, content, mode); !error.empty())
    return error;
  if (owner &&
      ::lchown(path.c_str(), static_cast<uid_t>(owner->uid), static_cast<gid_t>(owner->gid)) != 0)
    return "cannot set the owner of " + path + ": " + std::strerror(errno);
  // chown clears set-id bits: set the mode again after it.
  if (owner && (mode & 06000)) return runtime::changeMode(path, mode);
  return {};
}

}  // namespace magicc::agent
