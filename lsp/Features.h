// The handlers of the language features, one file each; the server's
// method table binds them. Each takes the request's params and answers its
// result, throwing LspError for a bad request.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "lsp/Protocol.h"
#include "lsp/Workspace.h"

namespace magicc::lsp {

// The last semantic tokens sent per document, for deltas.
struct SemanticTokensCache {
  std::uint64_t nextId = 0;
  std::map<std::string, std::pair<std::string, std::vector<std::uint32_t>>> last;
};

struct Context {
  Workspace& workspace;
  Encoding encoding;
  SemanticTokensCache& semanticTokens;
  // Inventories added to every program's own (--inventory, like -i).
  const std::vector<std::string>& inventories;
};

// Navigation.cpp
json definition(Context& c, const json& params);
json references(Context& c, const json& params);
json documentHighlight(Context& c, const json& params);
json prepareRename(Context& c, const json& params);
json rename(Context& c, const json& params);

// Hover.cpp
json hover(Context& c, const json& params);

// Symbols.cpp
json documentSymbol(Context& c, const json& params);
json workspaceSymbol(Context& c, const json& params);

// Folding.cpp
json foldingRange(Context& c, const json& params);

// SemanticTokens.cpp
json semanticTokensLegend();
std::vector<std::uint32_t> semanticTokenData(Context& c, const std::string& uri);
json semanticTokensFull(Context& c, const json& params);
json semanticTokensDelta(Context& c, const json& params);

// Formatting.cpp
json formatting(Context& c, const json& params);
json rangeFormatting(Context& c, const json& params);

// CodeActions.cpp
json codeAction(Context& c, const json& params);

// InlayHints.cpp
json inlayHint(Context& c, const json& params);

// Completion.cpp
json completion(Context& c, const json& params);

// CodeLens.cpp
json codeLens(Context& c, const json& params);

}  // namespace magicc::lsp
