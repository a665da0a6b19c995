// Document symbols (declarations, pipelines with their stages nested) and
// workspace symbols (the declarations of every open document's program).
#include <algorithm>
#include <cctype>
#include <set>

#include "lsp/Diagnostics.h"
#include "lsp/Features.h"
#include "lsp/Uri.h"

namespace magicc::lsp {

namespace {

// LSP SymbolKind numbers (a namespace of their own: other files of the
// server name other LSP enumerations alike).
namespace symbol_kind {
constexpr int kModule = 2, kNamespace = 3, kClass = 5, kField = 8, kFunction = 12, kVariable = 13,
              kObject = 19, kEvent = 24;
}

struct Declared {
  std::string name;
  int kind;
  std::string detail;
  source::SourceRange range, selection;
  std::vector<Declared> children;
};

std::vector<Declared> declarationsOf(const syntax::Module& m) {
  std::vector<Declared> out;
  for (const auto& decl : m.decls) {
    using syntax::as;
    if (const auto* p = as<syntax::ParamDecl>(*decl)) {
      out.push_back({p->spec.name.name,
                     symbol_kind::kVariable,
                     "param",
                     decl->range,
                     p->spec.name.range,
                     {}});
    } else if (const auto* r = as<syntax::ResourceDecl>(*decl)) {
      out.push_back({r->name.name,
                     symbol_kind::kObject,
                     "resource " + r->kindName.name,
                     decl->range,
                     r->name.range,
                     {}});
    } else if (const auto* k = as<syntax::KindDecl>(*decl)) {
      Declared d{k->name.name, symbol_kind::kClass, "kind", decl->range, k->name.range, {}};
      for (const auto& member : k->members)
        d.children.push_back({member.name.name,
                              symbol_kind::kField,
                              member.isOutput ? "out" : "in",
                              member.range,
                              member.name.range,
                              {}});
      out.push_back(std::move(d));
    } else if (const auto* pl = as<syntax::PipelineDecl>(*decl)) {
      Declared d{pl->name.name, symbol_kind::kNamespace, "pipeline",
                 decl->range,   pl->name.range,          {}};
      for (const auto& stage : pl->stages)
        d.children.push_back(
            {stage.name.name, symbol_kind::kEvent, "stage", stage.range, stage.name.range, {}});
      out.push_back(std::move(d));
    } else if (const auto* h = as<syntax::HostDecl>(*decl)) {
      out.push_back({h->name.name, symbol_kind::kModule, "host", decl->range, h->name.range, {}});
    } else if (const auto* i = as<syntax::ItemDecl>(*decl)) {
      out.push_back({i->name.name, symbol_kind::kFunction, "item", decl->range, i->name.range, {}});
    }
  }
  std::erase_if(out, [](const Declared& d) { return d.name.empty() || !d.selection.valid(); });
  return out;
}

json toJson(const frontend::Compilation& c, const Declared& d, Encoding e) {
  Range selection = rangeOf(c, d.selection, e);
  Range range = rangeOf(c, d.range.valid() ? d.range : d.selection, e);
  // The selection must lie inside the range.
  if (selection.start < range.start) range.start = selection.start;
  if (range.end < selection.end) range.end = selection.end;
  json j = {{"name", d.name},
            {"kind", d.kind},
            {"detail", d.detail},
            {"range", range},
            {"selectionRange", selection}};
  if (!d.children.empty()) {
    j["children"] = json::array();
    for (const Declared& child : d.children) j["children"].push_back(toJson(c, child, e));
  }
  return j;
}

}  // namespace

json documentSymbol(Context& c, const json& params) {
  const Analysis& a = c.workspace.analysis(documentUri(params));
  json out = json::array();
  if (a.program.modules.empty()) return out;
  for (const Declared& d : declarationsOf(*a.program.modules.front()))
    out.push_back(toJson(*a.compilation, d, c.encoding));
  return out;
}

json workspaceSymbol(Context& c, const json& params) {
  std::string query = params.contains("query") && params["query"].is_string()
                          ? params["query"].get<std::string>()
                          : std::string();
  auto lower = [](std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  };
  query = lower(query);
  json out = json::array();
  std::set<std::pair<std::string, std::uint32_t>> seen;
  for (const std::string& uri : c.workspace.uris()) {
    const Analysis& a = c.workspace.analysis(uri);
    for (const syntax::Module* m : a.program.modules) {
      const std::string& path = a.compilation->sources().canonicalPath(m->file);
      auto visit = [&](const Declared& d, const std::string& container) {
        if (lower(d.name).find(query) == std::string::npos) return;
        if (!seen.insert({path, d.selection.begin.offset}).second) return;
        json s = {{"name", d.name},
                  {"kind", d.kind},
                  {"location", locationOf(*a.compilation, d.selection, c.encoding)}};
        if (!container.empty()) s["containerName"] = container;
        out.push_back(std::move(s));
      };
      for (const Declared& d : declarationsOf(*m)) {
        visit(d, "");
        for (const Declared& child : d.children) visit(child, d.name);
      }
    }
  }
  return out;
}

}  // namespace magicc::lsp
