// Holds every source buffer of a compilation (files, the embedded standard
// library, editor buffers) and maps locations to lines and columns. Never
// re-read a file to print a caret: the text lives here. Files are read
// through a FileSystem (the disk unless told otherwise).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "source/FileSystem.h"
#include "source/SourceLocation.h"

namespace magicc::source {

struct LoadResult {
  FileId id = kInvalidFile;
  std::string error;  // empty on success: the reason a file could not be read
  bool alreadyLoaded = false;
};

class SourceManager {
 public:
  // Reads from the disk.
  SourceManager();
  explicit SourceManager(std::shared_ptr<const FileSystem> files);
  ~SourceManager();
  SourceManager(const SourceManager&) = delete;
  SourceManager& operator=(const SourceManager&) = delete;

  // Reads a file. A path already loaded (by its canonical name) is not read again.
  LoadResult loadFile(const std::string& path);
  // Adds text that does not come from disk (stdlib, language-server buffers, tests).
  FileId addBuffer(std::string name, std::string text);
  // Maps text that outlives this manager (the embedded standard library)
  // without copying it.
  FileId addExternalBuffer(std::string name, std::string_view text);

  const FileSystem& fileSystem() const { return *fileSystem_; }

  std::size_t fileCount() const { return files_.size(); }
  std::string_view text(FileId id) const;
  // The name as the user gave it (relative paths stay relative in diagnostics).
  const std::string& name(FileId id) const;
  // The canonical absolute path, or the buffer name for in-memory buffers.
  const std::string& canonicalPath(FileId id) const;
  std::optional<FileId> findByCanonicalPath(const std::string& path) const;
  // Read with loadFile (not a buffer): what a saved plan pins.
  bool fromFileSystem(FileId id) const;

  LineColumn lineColumn(SourceLoc loc) const;
  // The text of a 1-based line, without its line terminator.
  std::string_view lineText(FileId id, std::uint32_t line) const;
  // The offset at which a 1-based line starts.
  std::uint32_t lineStart(FileId id, std::uint32_t line) const;
  std::uint32_t lineCount(FileId id) const;

 private:
  struct File;
  const File& file(FileId id) const;
  const std::vector<std::uint32_t>& lineStarts(const File& f) const;

  FileId add(std::unique_ptr<File> file);

  std::shared_ptr<const FileSystem> fileSystem_;
  std::vector<std::unique_ptr<File>> files_;
};

}  // namespace magicc::source
