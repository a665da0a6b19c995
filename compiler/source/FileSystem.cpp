#include "source/FileSystem.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <system_error>

namespace magicc::source {

namespace {

// Offsets are 32-bit; a source larger than this is refused rather than truncated.
constexpr std::uintmax_t kMaxFileSize = std::numeric_limits<std::uint32_t>::max() - 1;

// The overlay's key for a path: absolute and lexically normal, without
// touching the disk (a buffer need not exist there).
std::string overlayKey(const std::string& path) {
  std::error_code ec;
  auto absolute = std::filesystem::absolute(path, ec);
  return (ec ? std::filesystem::path(path) : absolute).lexically_normal().string();
}

}  // namespace

std::string DiskFileSystem::canonical(const std::string& path) const {
  std::error_code ec;
  auto canonical = std::filesystem::weakly_canonical(path, ec);
  return ec ? path : canonical.string();
}

bool DiskFileSystem::exists(const std::string& path) const {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

FileContents DiskFileSystem::read(const std::string& path) const {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return {"", "is a directory"};
  std::ifstream in(path, std::ios::binary);
  if (!in) return {"", std::strerror(errno)};
  auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > kMaxFileSize) return {"", "file is too large (over 4 GiB)"};

  FileContents out;
  if (!ec) {
    // Read a regular file in one go, into a buffer of its exact size.
    out.text.resize(size);
    in.read(out.text.data(), static_cast<std::streamsize>(size));
    out.text.resize(static_cast<std::size_t>(in.gcount()));
  } else {
    std::ostringstream content;  // a pipe or device: size unknown
    content << in.rdbuf();
    out.text = std::move(content).str();
  }
  if (in.bad()) return {"", "read error"};
  return out;
}

OverlayFileSystem::OverlayFileSystem(std::shared_ptr<const FileSystem> base)
    : base_(std::move(base)) {}

void OverlayFileSystem::setBuffer(const std::string& path, std::string text) {
  std::string key = overlayKey(path);
  std::lock_guard lock(mutex_);
  buffers_[std::move(key)] = std::move(text);
}

void OverlayFileSystem::removeBuffer(const std::string& path) {
  std::string key = overlayKey(path);
  std::lock_guard lock(mutex_);
  buffers_.erase(key);
}

std::string OverlayFileSystem::canonical(const std::string& path) const {
  std::string key = overlayKey(path);
  {
    std::lock_guard lock(mutex_);
    if (buffers_.count(key)) return key;
  }
  return base_->canonical(path);
}

bool OverlayFileSystem::exists(const std::string& path) const {
  std::string key = overlayKey(path);
  {
    std::lock_guard lock(mutex_);
    if (buffers_.count(key)) return true;
  }
  return base_->exists(path);
}

FileContents OverlayFileSystem::read(const std::string& path) const {
  std::string key = overlayKey(path);
  {
    std::lock_guard lock(mutex_);
    if (auto it = buffers_.find(key); it != buffers_.end()) return {it->second, ""};
  }
  return base_->read(path);
}

}  // namespace magicc::source
