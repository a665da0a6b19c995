#include "source/SourceManager.h"

#include <algorithm>

namespace magicc::source {

struct SourceManager::File {
  std::string name;
  std::string canonical;
  std::string owned;      // the text, unless it is external
  std::string_view text;  // views `owned` or the external text
  bool fromFileSystem = false;
  // Built on first use: most files never need a line table (no diagnostics).
  mutable std::vector<std::uint32_t> lineStarts;
};

SourceManager::SourceManager() : SourceManager(std::make_shared<DiskFileSystem>()) {}
SourceManager::SourceManager(std::shared_ptr<const FileSystem> files)
    : fileSystem_(std::move(files)) {}
SourceManager::~SourceManager() = default;

LoadResult SourceManager::loadFile(const std::string& path) {
  std::string canonical = fileSystem_->canonical(path);
  if (auto existing = findByCanonicalPath(canonical)) return {*existing, "", true};
  FileContents contents = fileSystem_->read(path);
  if (!contents.ok()) return {kInvalidFile, std::move(contents.error)};
  auto file = std::make_unique<File>();
  file->name = path;
  file->canonical = std::move(canonical);
  file->owned = std::move(contents.text);
  file->text = file->owned;
  file->fromFileSystem = true;
  return {add(std::move(file)), "", false};
}

FileId SourceManager::addBuffer(std::string name, std::string text) {
  auto file = std::make_unique<File>();
  file->canonical = name;
  file->name = std::move(name);
  file->owned = std::move(text);
  file->text = file->owned;
  return add(std::move(file));
}

FileId SourceManager::addExternalBuffer(std::string name, std::string_view text) {
  auto file = std::make_unique<File>();
  file->canonical = name;
  file->name = std::move(name);
  file->text = text;
  return add(std::move(file));
}

FileId SourceManager::add(std::unique_ptr<File> file) {
  files_.push_back(std::move(file));
  return static_cast<FileId>(files_.size() - 1);
}

const SourceManager::File& SourceManager::file(FileId id) const {
  return *files_.at(id);
}

std::string_view SourceManager::text(FileId id) const {
  return file(id).text;
}
const std::string& SourceManager::name(FileId id) const {
  return file(id).name;
}
const std::string& SourceManager::canonicalPath(FileId id) const {
  return file(id).canonical;
}

bool SourceManager::fromFileSystem(FileId id) const {
  return file(id).fromFileSystem;
}

std::optional<FileId> SourceManager::findByCanonicalPath(const std::string& path) const {
  for (std::size_t i = 0; i < files_.size(); ++i)
    if (files_[i]->canonical == path) return static_cast<FileId>(i);
  return std::nullopt;
}

const std::vector<std::uint32_t>& SourceManager::lineStarts(const File& f) const {
  if (f.lineStarts.empty()) {
    f.lineStarts.push_back(0);
    for (std::uint32_t i = 0; i < f.text.size(); ++i)
      if (f.text[i] == '\n') f.lineStarts.push_back(i + 1);
  }
  return f.lineStarts;
}

LineColumn SourceManager::lineColumn(SourceLoc loc) const {
  if (!loc.valid()) return {};
  const auto& starts = lineStarts(file(loc.file));
  auto it = std::upper_bound(starts.begin(), starts.end(), loc.offset);
  auto line = static_cast<std::uint32_t>(it - starts.begin());
  return {line, loc.offset - starts[line - 1] + 1};
}

std::uint32_t SourceManager::lineCount(FileId id) const {
  return static_cast<std::uint32_t>(lineStarts(file(id)).size());
}

std::uint32_t SourceManager::lineStart(FileId id, std::uint32_t line) const {
  const auto& starts = lineStarts(file(id));
  if (line == 0 || line > starts.size()) return 0;
  return starts[line - 1];
}

std::string_view SourceManager::lineText(FileId id, std::uint32_t line) const {
  const File& f = file(id);
  const auto& starts = lineStarts(f);
  if (line == 0 || line > starts.size()) return {};
  std::uint32_t begin = starts[line - 1];
  std::uint32_t end = line < starts.size() ? starts[line] - 1 : f.text.size();
  std::string_view text(f.text.data() + begin, end - begin);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

}  // namespace magicc::source
