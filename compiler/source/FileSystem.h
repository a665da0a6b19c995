// Where the source manager gets file bytes from. The compiler never touches
// the disk directly: a language server layers an editor's unsaved buffers
// over the disk, tests give in-memory files.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace magicc::source {

struct FileContents {
  std::string text;
  std::string error;  // empty on success: why the file could not be read
  bool ok() const { return error.empty(); }
};

// Implementations are safe to share between threads: compilations on several
// threads may read through the same file system.
class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // The name that identifies a file: the same file reached by two paths has
  // one canonical name (a file is loaded once per compilation under it).
  virtual std::string canonical(const std::string& path) const = 0;
  virtual bool exists(const std::string& path) const = 0;
  // The file's bytes, or the reason it cannot be read, worded as the
  // diagnostics show it ("No such file or directory", "is a directory").
  virtual FileContents read(const std::string& path) const = 0;
};

// The real disk.
class DiskFileSystem final : public FileSystem {
 public:
  std::string canonical(const std::string& path) const override;
  bool exists(const std::string& path) const override;
  FileContents read(const std::string& path) const override;
};

// In-memory files keyed by absolute path, over a base file system: the
// buffers shadow the base's files of the same path (an editor's unsaved
// edits) or add files the base lacks. Buffers may change while compilations
// read: each read copies the text under a lock.
class OverlayFileSystem final : public FileSystem {
 public:
  explicit OverlayFileSystem(std::shared_ptr<const FileSystem> base);

  // Adds or replaces a buffer; a relative path is taken from the working directory.
  void setBuffer(const std::string& path, std::string text);
  void removeBuffer(const std::string& path);

  std::string canonical(const std::string& path) const override;
  bool exists(const std::string& path) const override;
  FileContents read(const std::string& path) const override;

 private:
  std::shared_ptr<const FileSystem> base_;
  mutable std::mutex mutex_;
  std::map<std::string, std::string> buffers_;  // by absolute, lexically normal path
};

}  // namespace magicc::source
