// Files on this machine, for the file resource: what is there, and an atomic
// replace (temp file in the same directory, fsync, rename, fsync the
// directory) so that a reader sees the old content or the new, never half.
#pragma once

#include <optional>
#include <string>

namespace magicc::runtime {

struct FileState {
  bool exists = false;
  bool regular = false;
  unsigned mode = 0;   // permission bits
  std::string sha256;  // hex, regular files only
};

std::string sha256Hex(const std::string& data);
// What is at `path`; an error message when it cannot be read.
std::optional<FileState> readFileState(const std::string& path, std::string& error);
// Writes `content` with `mode` atomically (a locked temp file
// `.NAME.magicc-XXXXXX` beside it, renamed over it), creating missing parent
// directories (0755); temp files that killed writes left behind are removed
// first. Returns an error message, or "" on success.
std::string writeFileAtomically(const std::string& path, const std::string& content, unsigned mode);
std::string removeFile(const std::string& path);
// "0644" -> 0644; nullopt unless 3 or 4 octal digits.
std::optional<unsigned> parseMode(const std::string& text);

}  // namespace magicc::runtime
