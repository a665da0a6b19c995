// Folding ranges: brackets that span lines, and runs of comment lines.
#include "lsp/Features.h"
#include "syntax/Tokens.h"

namespace magicc::lsp {

json foldingRange(Context& c, const json& params) {
  const Document& doc = c.workspace.get(documentUri(params));
  LineIndex index(doc.text, c.encoding);
  json out = json::array();
  std::vector<std::uint32_t> open;  // start lines of the open brackets
  std::uint32_t commentStart = 0, commentEnd = 0;
  bool inComments = false;
  auto endComments = [&] {
    if (inComments && commentEnd > commentStart)
      out.push_back({{"startLine", commentStart}, {"endLine", commentEnd}, {"kind", "comment"}});
    inComments = false;
  };
  for (const syntax::ClassifiedToken& t : syntax::classifyTokens(doc.text)) {
    std::uint32_t line = index.position(t.begin).line;
    if (t.cls == syntax::TokenClass::Comment) {
      if (inComments && line == commentEnd + 1) {
        commentEnd = line;
      } else {
        endComments();
        inComments = true;
        commentStart = commentEnd = line;
      }
      continue;
    }
    if (!inComments || line != commentEnd) endComments();
    if (t.bracket == '{' || t.bracket == '[' || t.bracket == '(') open.push_back(line);
    if ((t.bracket == '}' || t.bracket == ']' || t.bracket == ')') && !open.empty()) {
      std::uint32_t start = open.back();
      open.pop_back();
      // The closing line stays visible.
      if (line > start + 1) out.push_back({{"startLine", start}, {"endLine", line - 1}});
    }
  }
  endComments();
  return out;
}

}  // namespace magicc::lsp
