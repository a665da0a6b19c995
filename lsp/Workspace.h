// The open documents and what the compiler makes of them. Every document's
// text is a buffer of one OverlayFileSystem, so a compilation sees the
// editor's unsaved text for the root and for every import. A document is
// compiled as a program root on demand, and the result is kept until any
// document changes (an edit in an import changes its importers too).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "frontend/Compilation.h"
#include "lsp/Positions.h"
#include "lsp/Protocol.h"
#include "sema/Index.h"
#include "sema/Sema.h"
#include "source/FileSystem.h"
#include "syntax/Loader.h"

namespace magicc::lsp {

struct Document {
  std::string uri;
  std::string path;
  std::string text;
  std::int64_t version = 0;
};

// One document compiled as the root of a program.
struct Analysis {
  std::unique_ptr<frontend::Compilation> compilation;
  syntax::LoadedProgram program;
  sema::SemanticModel model;
  sema::SymbolIndex index;
  source::FileId file = source::kInvalidFile;  // the document's buffer
};

class Workspace {
 public:
  explicit Workspace(std::shared_ptr<const source::FileSystem> disk);

  void open(const std::string& uri, std::string text, std::int64_t version);
  // Applies the changes in order; an out-of-range change is clamped.
  void change(const std::string& uri, const std::vector<ContentChange>& changes,
              std::int64_t version, Encoding encoding);
  void close(const std::string& uri);

  const Document* find(const std::string& uri) const;
  // The document, or an InvalidParams error for one that is not open.
  const Document& get(const std::string& uri) const;
  std::vector<std::string> uris() const;
  // The document compiled as a root (cached until the next change).
  const Analysis& analysis(const std::string& uri);
  // The latest analysis of the document that had no errors (null before
  // the first): completion offers its names while the text is half typed.
  const Analysis* lastClean(const std::string& uri);

  // The workspace folders (initialize's rootUri or workspaceFolders): where
  // the programs that are not open are found, so that references and rename
  // reach every file that imports the one being edited.
  void setFolders(std::vector<std::string> paths) { folders_ = std::move(paths); }
  // The .mm files under the folders that are not open documents (hidden and
  // build directories skipped; at most kMaxDiskPrograms).
  std::vector<std::string> programsOnDisk() const;
  static constexpr std::size_t kMaxDiskPrograms = 1000;
  // A file compiled as a root now: never cached, the disk may have changed.
  std::unique_ptr<Analysis> analyzePath(const std::string& path);

  // Bumped by every change: what was computed before is stale.
  std::uint64_t generation() const { return generation_; }

 private:
  struct Entry {
    Document document;
    std::shared_ptr<Analysis> analysis;
    std::shared_ptr<Analysis> lastClean;
    std::uint64_t analyzedAt = 0;
  };
  Entry& entry(const std::string& uri);

  std::shared_ptr<source::OverlayFileSystem> files_;
  std::map<std::string, Entry> documents_;
  std::vector<std::string> folders_;
  std::uint64_t generation_ = 1;
};

}  // namespace magicc::lsp
