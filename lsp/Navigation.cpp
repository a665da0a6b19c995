// Go to definition and declaration, references, document highlight, rename.
#include <set>

#include "lsp/Cursor.h"
#include "lsp/Diagnostics.h"
#include "lsp/Uri.h"

namespace magicc::lsp {

namespace {

// A file's source: or template: value at the cursor: the file it reads.
std::optional<Location> fileReadAt(const Cursor& cursor) {
  const Analysis& a = cursor.analysis;
  for (const auto& [decl, from] : a.model.fileContents) {
    const syntax::Field* f = decl->field(from->field);
    if (!f || f->value->range.begin.file != cursor.loc.file ||
        cursor.loc.offset < f->value->range.begin.offset ||
        cursor.loc.offset > f->value->range.end.offset)
      continue;
    std::string path = a.compilation->sources().fileSystem().canonical(from->path);
    return Location{uriOfPath(path), Range{}};
  }
  return std::nullopt;
}

}  // namespace

json definition(Context& c, const json& params) {
  Cursor cursor = cursorAt(c, params);
  if (auto file = fileReadAt(cursor)) return json::array({*file});
  if (!cursor.occurrence) return nullptr;
  const sema::Occurrence* decl = cursor.analysis.index.declaration(cursor.occurrence->symbol);
  if (!decl || decl->range.begin.file == 0) return nullptr;  // the stdlib has no file
  return json::array({locationOf(*cursor.analysis.compilation, decl->range, c.encoding)});
}

json references(Context& c, const json& params) {
  Cursor cursor = cursorAt(c, params);
  if (!cursor.occurrence) return json::array();
  auto symbol = globalSymbol(cursor.analysis, cursor.occurrence->symbol);
  if (!symbol) return json::array();
  bool includeDeclaration = true;
  if (params.contains("context") && params["context"].is_object() &&
      params["context"].contains("includeDeclaration") &&
      params["context"]["includeDeclaration"].is_boolean())
    includeDeclaration = params["context"]["includeDeclaration"].get<bool>();
  return occurrencesEverywhere(c, WorkspacePrograms(c), *symbol, includeDeclaration);
}

json documentHighlight(Context& c, const json& params) {
  Cursor cursor = cursorAt(c, params);
  json out = json::array();
  if (!cursor.occurrence) return out;
  for (const sema::Occurrence* o : cursor.analysis.index.occurrences(cursor.occurrence->symbol)) {
    if (o->range.begin.file != cursor.analysis.file) continue;
    // 3 (Write) for the declaration, 2 (Read) for uses.
    out.push_back({{"range", rangeOf(*cursor.analysis.compilation, o->range, c.encoding)},
                   {"kind", o->declaration ? 3 : 2}});
  }
  return out;
}

namespace {

bool isKeyword(std::string_view s) {
  static constexpr std::string_view kKeywords[] = {
      "import", "param", "host",     "inventory", "item", "resource", "kind",
      "in",     "out",   "pipeline", "stage",     "true", "false",    "matches"};
  for (std::string_view k : kKeywords)
    if (s == k) return true;
  return false;
}

bool isIdentifier(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char ch : s)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_')) return false;
  return !isKeyword(s);
}

const sema::Occurrence& renamable(const Cursor& cursor) {
  if (!cursor.occurrence) throw LspError(ErrorCode::RequestFailed, "there is no symbol here");
  const sema::Occurrence* decl = cursor.analysis.index.declaration(cursor.occurrence->symbol);
  if (!decl || decl->range.begin.file == 0)
    throw LspError(ErrorCode::RequestFailed, "the standard library's names cannot be renamed");
  return *cursor.occurrence;
}

// The qualifier of a qualified name ("kind." of "kind.field"), empty for others.
std::string qualifier(const sema::SymbolId& id) {
  std::string_view spelling = id.spelling();
  return id.name.substr(0, id.name.size() - spelling.size());
}

}  // namespace

json prepareRename(Context& c, const json& params) {
  Cursor cursor = cursorAt(c, params);
  const sema::Occurrence& o = renamable(cursor);
  return {{"range", rangeOf(*cursor.analysis.compilation, o.range, c.encoding)},
          {"placeholder", std::string(o.symbol.spelling())}};
}

json rename(Context& c, const json& params) {
  Cursor cursor = cursorAt(c, params);
  const sema::Occurrence& o = renamable(cursor);
  std::string newName = required<std::string>(params, "newName");
  if (!isIdentifier(newName))
    throw LspError(ErrorCode::InvalidParams, "'" + newName + "' is not a name");
  const sema::SymbolId& id = o.symbol;
  if (newName == id.spelling()) return {{"changes", json::object()}};
  // Refuse a name already taken where the symbol lives: the same namespace
  // (nodes, kinds, ...), and for params any param, which would shadow or be
  // shadowed by it.
  bool paramLike = id.kind == sema::SymbolKind::Param || id.kind == sema::SymbolKind::PipelineParam;
  if (paramLike && (newName == "each" || newName == "host"))
    throw LspError(ErrorCode::RequestFailed, "'" + newName + "' is reserved in strings");
  WorkspacePrograms programs(c);
  programs.forEach([&](const Analysis& a) {
    for (const sema::Occurrence& other : a.index.all()) {
      if (!other.declaration || other.symbol.spelling() != newName) continue;
      bool otherParamLike = other.symbol.kind == sema::SymbolKind::Param ||
                            other.symbol.kind == sema::SymbolKind::PipelineParam;
      bool clash = paramLike
                       ? otherParamLike
                       : other.symbol.kind == id.kind && qualifier(other.symbol) == qualifier(id);
      if (clash)
        throw LspError(ErrorCode::RequestFailed,
                       "'" + newName + "' is already a " +
                           std::string(sema::symbolKindName(other.symbol.kind)));
    }
  });
  auto symbol = globalSymbol(cursor.analysis, id);
  if (!symbol) throw LspError(ErrorCode::RequestFailed, "the symbol has no declaration");
  json changes = json::object();
  for (const Location& l : occurrencesEverywhere(c, programs, *symbol, true))
    changes[l.uri].push_back(TextEdit{l.range, newName});
  return {{"changes", changes}};
}

}  // namespace magicc::lsp
