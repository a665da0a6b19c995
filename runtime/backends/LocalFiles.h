// Files on this machine: the local backend's file operations (and the
// driver's own writes). What is there, and an atomic replace (temp file in
// the same directory, fsync, rename, fsync the directory) so that a reader
// sees the old content or the new, never half.
#pragma once

#include <optional>
#include <string>

#include "backends/FileState.h"

namespace magicc::runtime {

std::string sha256Hex(const std::string& data);
// What is at `path` (a link is not followed), its content digested when
// `withDigest`; an error message when it cannot be read.
std::optional<FileState> readFileState(const std::string& path, std::string& error,
                                       bool withDigest = true);
// The content of the regular file at `path` (a link is not followed), unless
// it is larger than `limit` bytes; an error message when it cannot be read.
std::optional<FileContent> readFileContent(const std::string& path, std::size_t limit,
                                           std::string& error);
// Writes `content` with `mode` atomically (a locked temp file
// `.NAME.magicc-XXXXXX` beside it, renamed over it), creating missing parent
// directories (0755); temp files that killed writes left behind are removed
// first. Returns an error message, or "" on success.
std::string writeFileAtomically(const std::string& path, const std::string& content, unsigned mode);
// Sets the permission bits of the file at `path`; an error message, or "".
std::string changeMode(const std::string& path, unsigned mode);
// Removes the file at `path` (nothing there is fine); an error message, or "".
std::string removeFile(const std::string& path);
// Temp files of writes killed half-way: `PREFIXXXXXXX` in `dir` that nobody
// holds locked.
void removeAbandonedTemps(const std::string& dir, const std::string& prefix);

}  // namespace magicc::runtime
