// Inlay hints: at each use of a param, its type and default (": int = 4").
#include "lsp/Diagnostics.h"
#include "lsp/Features.h"
#include "sema/Type.h"

namespace magicc::lsp {

namespace {

const syntax::ParamSpec* specOf(const sema::SemanticModel& m, const sema::SymbolId& id,
                                std::string& type) {
  if (id.kind == sema::SymbolKind::Param) {
    auto it = m.params.find(id.name);
    if (it == m.params.end()) return nullptr;
    type = it->second.type ? it->second.type->toString() : "?";
    return it->second.spec;
  }
  std::string_view spelling = id.spelling();
  std::string pipeline = id.name.substr(0, id.name.size() - spelling.size() - 1);
  auto p = m.pipelines.find(pipeline);
  auto t = m.pipelineParamTypes.find(id.name);
  if (p == m.pipelines.end()) return nullptr;
  type = t != m.pipelineParamTypes.end() && t->second ? t->second->toString() : "?";
  for (const auto& spec : p->second->params)
    if (spec.name.name == spelling) return &spec;
  return nullptr;
}

}  // namespace

json inlayHint(Context& c, const json& params) {
  std::string uri = documentUri(params);
  Range range = required<Range>(params, "range");
  const Analysis& a = c.workspace.analysis(uri);
  json out = json::array();
  for (const sema::Occurrence& o : a.index.all()) {
    if (o.declaration || o.range.begin.file != a.file) continue;
    if (o.symbol.kind != sema::SymbolKind::Param &&
        o.symbol.kind != sema::SymbolKind::PipelineParam)
      continue;
    Range at = rangeOf(*a.compilation, o.range, c.encoding);
    if (at.end < range.start || range.end < at.start) continue;
    std::string type;
    const syntax::ParamSpec* spec = specOf(a.model, o.symbol, type);
    if (!spec) continue;
    std::string label = ": " + type;
    if (spec->defaultValue && spec->defaultValue->range.valid()) {
      source::SourceRange r = spec->defaultValue->range;
      label += " = " + std::string(a.compilation->sources()
                                       .text(r.begin.file)
                                       .substr(r.begin.offset, r.end.offset - r.begin.offset));
    }
    if (label.size() > 60) label = label.substr(0, 57) + "...";
    out.push_back({{"position", at.end}, {"label", label}, {"kind", 1}, {"paddingLeft", false}});
  }
  return out;
}

}  // namespace magicc::lsp
