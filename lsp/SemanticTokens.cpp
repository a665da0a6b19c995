// Semantic tokens: the lexer's classes, refined by the symbol index (a name
// that is a node, a kind, a param, ...; ${param} inside strings too).
#include <algorithm>

#include "lsp/Features.h"
#include "syntax/Tokens.h"

namespace magicc::lsp {

namespace {

enum TokenType : int {
  kKeyword,
  kString,
  kNumber,
  kOperator,
  kComment,
  kFunction,   // items and resources
  kType,       // kinds
  kProperty,   // kind fields
  kParameter,  // params
  kNamespace,  // pipelines
  kEvent,      // stages
  kVariable,   // hosts
};
constexpr int kDeclarationModifier = 1;

int typeOf(sema::SymbolKind kind) {
  switch (kind) {
    case sema::SymbolKind::Node:
      return kFunction;
    case sema::SymbolKind::Kind:
      return kType;
    case sema::SymbolKind::KindField:
      return kProperty;
    case sema::SymbolKind::Param:
    case sema::SymbolKind::PipelineParam:
      return kParameter;
    case sema::SymbolKind::Host:
      return kVariable;
    case sema::SymbolKind::Pipeline:
      return kNamespace;
    case sema::SymbolKind::Stage:
      return kEvent;
  }
  return kVariable;
}

struct Span {
  std::uint32_t begin, end;
  int type, modifiers;
};

}  // namespace

json semanticTokensLegend() {
  return {{"tokenTypes",
           {"keyword", "string", "number", "operator", "comment", "function", "type", "property",
            "parameter", "namespace", "event", "variable"}},
          {"tokenModifiers", {"declaration"}}};
}

std::vector<std::uint32_t> semanticTokenData(Context& c, const std::string& uri) {
  const Document& doc = c.workspace.get(uri);
  const Analysis& a = c.workspace.analysis(uri);
  std::vector<Span> symbols;
  for (const sema::Occurrence& o : a.index.all())
    if (o.range.begin.file == a.file && a.file != source::kInvalidFile)
      symbols.push_back({o.range.begin.offset, o.range.end.offset, typeOf(o.symbol.kind),
                         o.declaration ? kDeclarationModifier : 0});
  std::vector<Span> spans;
  std::size_t next = 0;  // the first symbol not yet placed
  for (const syntax::ClassifiedToken& t : syntax::classifyTokens(doc.text)) {
    int type;
    switch (t.cls) {
      case syntax::TokenClass::Keyword:
        type = kKeyword;
        break;
      case syntax::TokenClass::String:
        type = kString;
        break;
      case syntax::TokenClass::Number:
        type = kNumber;
        break;
      case syntax::TokenClass::Operator:
        type = kOperator;
        break;
      case syntax::TokenClass::Comment:
        type = kComment;
        break;
      default:
        type = -1;  // names come from the index; punctuation is left to the grammar
    }
    // Symbols inside the token (a ${param} in a string) cut it in pieces.
    std::uint32_t at = t.begin;
    while (next < symbols.size() && symbols[next].begin < t.end) {
      const Span& s = symbols[next++];
      if (s.begin < at) continue;
      if (type >= 0 && s.begin > at) spans.push_back({at, s.begin, type, 0});
      spans.push_back(s);
      at = s.end;
    }
    if (type >= 0 && at < t.end) spans.push_back({at, t.end, type, 0});
  }
  // A token on one line each: a multi-line string is cut at its line breaks.
  std::vector<Span> lines;
  for (const Span& s : spans) {
    std::uint32_t at = s.begin;
    for (std::uint32_t i = s.begin; i < s.end; ++i)
      if (doc.text[i] == '\n') {
        lines.push_back({at, i, s.type, s.modifiers});
        at = i + 1;
      }
    lines.push_back({at, s.end, s.type, s.modifiers});
  }
  spans = std::move(lines);
  // Relative encoding: line delta, start delta, length, type, modifiers.
  LineIndex index(doc.text, c.encoding);
  std::vector<std::uint32_t> data;
  Position prev;
  for (const Span& s : spans) {
    Position start = index.position(s.begin), end = index.position(s.end);
    if (end.line != start.line || end.character <= start.character) continue;
    data.push_back(start.line - prev.line);
    data.push_back(start.line == prev.line ? start.character - prev.character : start.character);
    data.push_back(end.character - start.character);
    data.push_back(static_cast<std::uint32_t>(s.type));
    data.push_back(static_cast<std::uint32_t>(s.modifiers));
    prev = start;
  }
  return data;
}

}  // namespace magicc::lsp

namespace magicc::lsp {

json semanticTokensFull(Context& c, const json& params) {
  std::string uri = documentUri(params);
  std::vector<std::uint32_t> data = semanticTokenData(c, uri);
  std::string id = std::to_string(++c.semanticTokens.nextId);
  c.semanticTokens.last[uri] = {id, data};
  return {{"resultId", id}, {"data", data}};
}

json semanticTokensDelta(Context& c, const json& params) {
  std::string uri = documentUri(params);
  std::string previous = required<std::string>(params, "previousResultId");
  std::vector<std::uint32_t> data = semanticTokenData(c, uri);
  std::string id = std::to_string(++c.semanticTokens.nextId);
  auto it = c.semanticTokens.last.find(uri);
  json result;
  if (it == c.semanticTokens.last.end() || it->second.first != previous) {
    result = {{"resultId", id}, {"data", data}};  // unknown base: everything
  } else {
    // One edit: what lies between the common prefix and the common suffix.
    const std::vector<std::uint32_t>& old = it->second.second;
    std::size_t prefix = 0;
    while (prefix < old.size() && prefix < data.size() && old[prefix] == data[prefix]) ++prefix;
    std::size_t suffix = 0;
    while (suffix < old.size() - prefix && suffix < data.size() - prefix &&
           old[old.size() - 1 - suffix] == data[data.size() - 1 - suffix])
      ++suffix;
    json edits = json::array();
    if (prefix != old.size() || prefix != data.size())
      edits.push_back(
          {{"start", prefix},
           {"deleteCount", old.size() - prefix - suffix},
           {"data", std::vector<std::uint32_t>(data.begin() + static_cast<std::ptrdiff_t>(prefix),
                                               data.end() - static_cast<std::ptrdiff_t>(suffix))}});
    result = {{"resultId", id}, {"edits", edits}};
  }
  c.semanticTokens.last[uri] = {id, std::move(data)};
  return result;
}

}  // namespace magicc::lsp
