#include "lsp/Cursor.h"

#include <set>

#include "lsp/Diagnostics.h"

namespace magicc::lsp {

Cursor cursorAt(Context& c, const json& params) {
  std::string uri = documentUri(params);
  Position position = positionOf(params);
  const Analysis& a = c.workspace.analysis(uri);
  const Document& doc = c.workspace.get(uri);
  LineIndex index(doc.text, c.encoding);
  source::SourceLoc loc{a.file, index.offset(position)};
  return {a, loc, a.file == source::kInvalidFile ? nullptr : a.index.at(loc)};
}

std::optional<GlobalSymbol> globalSymbol(const Analysis& a, const sema::SymbolId& id) {
  const sema::Occurrence* decl = a.index.declaration(id);
  if (!decl) return std::nullopt;
  return GlobalSymbol{id, a.compilation->sources().canonicalPath(decl->range.begin.file),
                      decl->range.begin.offset};
}

WorkspacePrograms::WorkspacePrograms(Context& c) : c_(c) {
  for (const std::string& path : c.workspace.programsOnDisk())
    disk_.push_back(c.workspace.analyzePath(path));
}

void WorkspacePrograms::forEach(const std::function<void(const Analysis&)>& visit) const {
  for (const std::string& uri : c_.workspace.uris()) visit(c_.workspace.analysis(uri));
  for (const auto& analysis : disk_) visit(*analysis);
}

std::vector<Location> occurrencesEverywhere(Context& c, const WorkspacePrograms& programs,
                                            const GlobalSymbol& symbol, bool includeDeclaration) {
  std::vector<Location> out;
  std::set<std::tuple<std::string, std::uint32_t, std::uint32_t>> seen;
  programs.forEach([&](const Analysis& a) {
    if (!a.compilation) return;
    auto here = globalSymbol(a, symbol.id);
    if (!here || here->path != symbol.path || here->offset != symbol.offset) return;
    for (const sema::Occurrence* o : a.index.occurrences(symbol.id)) {
      if (o->declaration && !includeDeclaration) continue;
      if (o->range.begin.file == 0) continue;  // the embedded standard library
      const std::string& path = a.compilation->sources().canonicalPath(o->range.begin.file);
      if (!seen.insert({path, o->range.begin.offset, o->range.end.offset}).second) continue;
      out.push_back(locationOf(*a.compilation, o->range, c.encoding));
    }
  });
  return out;
}

}  // namespace magicc::lsp
