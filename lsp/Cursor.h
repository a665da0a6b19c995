// Where a request points: the document's analysis and the byte offset of
// its position, and the symbol there if any.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "lsp/Features.h"
#include "sema/Index.h"

namespace magicc::lsp {

struct Cursor {
  const Analysis& analysis;
  source::SourceLoc loc;
  const sema::Occurrence* occurrence;  // the symbol under the cursor, or null
};

Cursor cursorAt(Context& c, const json& params);

// A symbol together with where it is declared (canonical path and offset),
// so that the same symbol is recognised in the analyses of other documents.
struct GlobalSymbol {
  sema::SymbolId id;
  std::string path;
  std::uint32_t offset = 0;
};
std::optional<GlobalSymbol> globalSymbol(const Analysis& a, const sema::SymbolId& id);

// Every program of the workspace for one request: the open documents'
// analyses, and the other programs in the workspace folders, compiled once
// when the request starts (a rename reads them twice).
class WorkspacePrograms {
 public:
  explicit WorkspacePrograms(Context& c);
  void forEach(const std::function<void(const Analysis&)>& visit) const;

 private:
  Context& c_;
  std::vector<std::unique_ptr<Analysis>> disk_;
};

// Every occurrence of the symbol in every program of the workspace (open
// documents and the files on disk), without duplicates: a file reached
// from two programs counts once.
std::vector<Location> occurrencesEverywhere(Context& c, const WorkspacePrograms& programs,
                                            const GlobalSymbol& symbol, bool includeDeclaration);

}  // namespace magicc::lsp
