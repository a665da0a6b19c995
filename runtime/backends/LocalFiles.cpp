#include "backends/LocalFiles.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace magicc::runtime {

namespace {

std::string errnoText(const std::string& what, const std::string& path) {
  return what + " '" + path + "': " + std::strerror(errno);
}

std::string hex(const unsigned char* bytes, std::size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 15];
  }
  return out;
}

}  // namespace

std::string sha256Hex(const std::string& data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return hex(digest, sizeof digest);
}

std::optional<FileState> readFileState(const std::string& path, std::string& error,
                                       bool withDigest) {
  FileState st;
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return st;
    error = errnoText("cannot inspect", path);
    return std::nullopt;
  }
  st.exists = true;
  st.regular = S_ISREG(info.st_mode);
  st.mode = info.st_mode & 07777;
  if (!st.regular || !withDigest) return st;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = errnoText("cannot read", path);
    return std::nullopt;
  }
  crypto_hash_sha256_state hash;
  crypto_hash_sha256_init(&hash);
  unsigned char buf[65536];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0)
    crypto_hash_sha256_update(&hash, buf, static_cast<std::size_t>(n));
  ::close(fd);
  if (n < 0) {
    error = errnoText("cannot read", path);
    return std::nullopt;
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&hash, digest);
  st.sha256 = hex(digest, sizeof digest);
  return st;
}

std::optional<FileContent> readFileContent(const std::string& path, std::size_t limit,
                                           std::string& error) {
  FileContent out;
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    // Nothing there, or a link (ELOOP): nothing to show as content.
    if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP) return out;
    error = errnoText("cannot read", path);
    return std::nullopt;
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return out;
  }
  out.regular = true;
  if (static_cast<std::size_t>(info.st_size) > limit) {
    out.tooLarge = true;
    ::close(fd);
    return out;
  }
  char buf[65536];
  ssize_t n;
  // A file that grows while it is read is cut at the limit and called large.
  while ((n = ::read(fd, buf, sizeof buf)) > 0) {
    out.bytes.append(buf, static_cast<std::size_t>(n));
    if (out.bytes.size() > limit) {
      out.bytes.clear();
      out.tooLarge = true;
      break;
    }
  }
  ::close(fd);
  if (n < 0) {
    error = errnoText("cannot read", path);
    return std::nullopt;
  }
  return out;
}

// Temp files of writes that were killed half-way (kill -9, a power loss):
// `.NAME.magicc-XXXXXX` beside the file that nobody holds locked.
void removeAbandonedTemps(const std::string& dir, const std::string& prefix) {
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.size() != prefix.size() + 6 || name.compare(0, prefix.size(), prefix) != 0) continue;
    int fd = ::open(it->path().c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) continue;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && ::flock(fd, LOCK_EX | LOCK_NB) == 0)
      ::unlink(it->path().c_str());
    ::close(fd);
  }
}

std::string writeFileAtomically(const std::string& path, const std::string& content,
                                unsigned mode) {
  std::filesystem::path target(path);
  std::filesystem::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) {
    std::filesystem::create_directories(dir, ec);
    if (ec) return "cannot create '" + dir.string() + "': " + ec.message();
  }
  std::string tempName = ".";  // built step by step: GCC 12 warns (falsely) on "." + string
  tempName += target.filename().string();
  tempName += ".magicc-";
  removeAbandonedTemps(dir.string(), tempName);
  std::string temp;
  int fd = -1;
  for (int attempt = 0; attempt < 8 && fd < 0; ++attempt) {
    temp = (dir / (tempName + "XXXXXX")).string();
    fd = ::mkstemp(temp.data());
    if (fd < 0) return errnoText("cannot create a file in", dir.string());
    // Locked while it is written: whoever finds it unlocked knows it was
    // abandoned. A concurrent write of the same file may have found it so
    // before the lock was taken, and removed it: then take another.
    ::flock(fd, LOCK_EX);
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_nlink == 0) {
      ::close(fd);
      fd = -1;
    }
  }
  if (fd < 0) return "cannot create a file in '" + dir.string() + "': it kept being removed";
  auto abandon = [&](const std::string& why) {
    ::close(fd);
    ::unlink(temp.c_str());
    return why;
  };
  // The mode is set before any byte is written: a 0600 secret is never
  // readable by others, not even half-written.
  if (::fchmod(fd, mode) != 0) return abandon(errnoText("cannot set the mode of", temp));
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return abandon(errnoText("cannot write", temp));
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return abandon(errnoText("cannot sync", temp));
  // Renamed while still locked: closing first let a concurrent write of the
  // same file take the temp file for abandoned and remove it (the rename
  // then failed, "No such file or directory").
  if (::rename(temp.c_str(), path.c_str()) != 0) return abandon(errnoText("cannot replace", path));
  ::close(fd);
  int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirFd >= 0) {
    ::fsync(dirFd);
    ::close(dirFd);
  }
  return "";
}

std::string changeMode(const std::string& path, unsigned mode) {
  if (::chmod(path.c_str(), mode) != 0) return "cannot chmod '" + path + "'";
  return "";
}

std::string removeFile(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return errnoText("cannot remove", path);
  return "";
}

}  // namespace magicc::runtime
