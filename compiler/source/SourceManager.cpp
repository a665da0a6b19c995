#include "source/SourceManager.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <system_error>

namespace magicc::source {

struct SourceManager::File {
  std::string name;
  std::string canonical;
  std::string text;
  // Built on first use: most files never need a line table (no diagnostics).
  mutable std::vector<std::uint32_t> lineStarts;
};

SourceManager::SourceManager() = default;
SourceManager::~SourceManager() = default;

namespace {

// Offsets are 32-bit; a source larger than this is refused rather than truncated.
constexpr std::uintmax_t kMaxFileSize = std::numeric_limits<std::uint32_t>::max() - 1;

std::string canonicalName(const std::string& path) {
  std::error_code ec;
  auto canonical = std::filesystem::weakly_canonical(path, ec);
  return ec ? path : canonical.string();
}

}  // namespace

LoadResult SourceManager::loadFile(const std::string& path) {
  std::string canonical = canonicalName(path);
  if (auto existing = findByCanonicalPath(canonical)) return {*existing, "", true};

  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return {kInvalidFile, "is a directory"};
  std::ifstream in(path, std::ios::binary);
  if (!in) return {kInvalidFile, std::strerror(errno)};
  auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > kMaxFileSize) return {kInvalidFile, "file is too large (over 4 GiB)"};

  auto file = std::make_unique<File>();
  if (!ec) {
    // Read a regular file in one go, into a buffer of its exact size.
    file->text.resize(size);
    in.read(file->text.data(), static_cast<std::streamsize>(size));
    file->text.resize(static_cast<std::size_t>(in.gcount()));
  } else {
    std::ostringstream content;  // a pipe or device: size unknown
    content << in.rdbuf();
    file->text = std::move(content).str();
  }
  if (in.bad()) return {kInvalidFile, "read error"};
  file->name = path;
  file->canonical = std::move(canonical);
  files_.push_back(std::move(file));
  return {static_cast<FileId>(files_.size() - 1), "", false};
}

FileId SourceManager::addBuffer(std::string name, std::string text) {
  auto file = std::make_unique<File>();
  file->canonical = name;
  file->name = std::move(name);
  file->text = std::move(text);
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
