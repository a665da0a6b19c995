#include "store/StateFiles.h"
#include "program/FileMode.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace magicc::store {

using runtime::octalMode;

namespace {

std::string notOurs(const std::string& what, const std::string& path, uid_t owner) {
  return "the state " + what + " '" + path + "' belongs to uid " + std::to_string(owner) +
         ", not to this user (uid " + std::to_string(::geteuid()) + "); ";
}

// What is wrong with a state file, or "" when it may be used.
std::string checkFile(const std::string& path, const struct stat& st) {
  if (S_ISLNK(st.st_mode))
    return "the state file '" + path +
           "' is a symbolic link; magicc does not follow links in its state directory (remove it, "
           "or use another --state)";
  if (!S_ISREG(st.st_mode))
    return "the state file '" + path +
           "' is not a regular file (remove it, or use another --state)";
  if (st.st_uid != ::geteuid())
    return notOurs("file", path, st.st_uid) +
           "magicc uses only state files of its own (remove it, or use another --state)";
  if ((st.st_mode & 022) != 0)
    return "the state file '" + path + "' can be written by others (mode " + octalMode(st.st_mode) +
           "); it must be writable only by its owner (chmod 600 it, or use another --state)";
  return "";
}

}  // namespace

void prepareStateDir(const std::string& dir, bool create) {
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) {
    if (errno != ENOENT || !create)
      throw StateError("cannot use the state directory '" + dir + "': " + std::strerror(errno));
    std::filesystem::path parent = std::filesystem::path(dir).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) throw StateError("cannot create the state directory '" + dir + "': " + ec.message());
    // 0700 from the start: there is no moment at which others could enter it.
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
      throw StateError("cannot create the state directory '" + dir + "': " + std::strerror(errno));
    if (::lstat(dir.c_str(), &st) != 0)
      throw StateError("cannot use the state directory '" + dir + "': " + std::strerror(errno));
  }
  // A link to a directory is allowed (as for a home): what it leads to is checked.
  if (S_ISLNK(st.st_mode) && ::stat(dir.c_str(), &st) != 0)
    throw StateError("cannot use the state directory '" + dir + "': " + std::strerror(errno));
  if (!S_ISDIR(st.st_mode))
    throw StateError("the state directory '" + dir + "' is not a directory (use another --state)");
  if (st.st_uid != ::geteuid())
    throw StateError(notOurs("directory", dir, st.st_uid) +
                     "magicc keeps its state only in a directory of its own (use another --state)");
  if ((st.st_mode & 022) != 0)
    throw StateError("the state directory '" + dir + "' can be written by others (mode " +
                     octalMode(st.st_mode) +
                     "); it must be writable only by its owner (chmod 700 it, or use another "
                     "--state)");
}

void checkStateFile(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return;
    throw StateError("cannot use the state file '" + path + "': " + std::strerror(errno));
  }
  if (std::string why = checkFile(path, st); !why.empty()) throw StateError(why);
}

int openStateFile(const std::string& path, int flags, mode_t mode) {
  int fd = ::open(path.c_str(), flags | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, mode);
  if (fd < 0) {
    int err = errno;
    // ELOOP: the last component is a link (O_NOFOLLOW); say so plainly.
    if (err == ELOOP) {
      struct stat link {};
      link.st_mode = S_IFLNK;
      throw StateError(checkFile(path, link));
    }
    throw StateError("cannot open the state file '" + path + "': " + std::strerror(err));
  }
  struct stat st {};
  std::string why = ::fstat(fd, &st) != 0
                        ? "cannot use the state file '" + path + "': " + std::strerror(errno)
                        : checkFile(path, st);
  if (!why.empty()) {
    ::close(fd);
    throw StateError(why);
  }
  return fd;
}

std::string defaultJournalPath(const std::string& program) {
  std::filesystem::path p = std::filesystem::absolute(program);
  return (p.parent_path() / ".magicc" / (p.stem().string() + ".db")).string();
}

}  // namespace magicc::store
