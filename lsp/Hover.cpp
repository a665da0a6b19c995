// Hover: what the name under the cursor is, its type, its doc comment (the
// `#` lines right above its declaration) and, for params, default and
// validation, all from the checked model.
#include <algorithm>
#include <cctype>
#include <optional>

#include "lsp/Cursor.h"
#include "lsp/Diagnostics.h"
#include "lsp/Hosts.h"
#include "sema/Type.h"

namespace magicc::lsp {

namespace {

std::string_view sourceText(const Analysis& a, source::SourceRange r) {
  if (!r.valid() || r.end.file != r.begin.file || r.end.offset < r.begin.offset) return {};
  return a.compilation->sources()
      .text(r.begin.file)
      .substr(r.begin.offset, r.end.offset - r.begin.offset);
}

// The comment lines right above the line of `at` (no blank line between).
std::string docComment(const Analysis& a, source::SourceLoc at) {
  const source::SourceManager& sm = a.compilation->sources();
  std::uint32_t line = sm.lineColumn(at).line;
  std::vector<std::string> lines;
  while (line > 1) {
    std::string_view text = sm.lineText(at.file, --line);
    std::size_t start = text.find_first_not_of(" \t");
    if (start == std::string_view::npos || text[start] != '#') break;
    text.remove_prefix(start + 1);
    if (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    if (text.rfind("RUN:", 0) == 0 || text.rfind("CHECK", 0) == 0) break;  // lit lines
    lines.emplace_back(text);
  }
  std::string out;
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) out += *it + "\n";
  return out;
}

std::string paramText(const Analysis& a, const syntax::ParamSpec& spec, const std::string& type) {
  std::string out = spec.name.name + ": " + type;
  if (spec.matches) out += " matches \"" + spec.matches->name + "\"";
  if (spec.defaultValue) out += " = " + std::string(sourceText(a, spec.defaultValue->range));
  return out;
}

std::string describe(const Analysis& a, const sema::SymbolId& id) {
  const sema::SemanticModel& m = a.model;
  std::string_view spelling = id.spelling();
  std::string qualifier = id.name.substr(0, id.name.size() - spelling.size());
  if (!qualifier.empty()) qualifier.pop_back();
  switch (id.kind) {
    case sema::SymbolKind::Node: {
      const sema::NodeInfo* n = m.findNode(id.name);
      if (!n) return "node " + id.name;
      if (n->kind == sema::NodeInfo::Kind::Item) {
        std::string out = "item " + id.name;
        if (const syntax::Field* f = n->decl->field("if"); f && f->value)
          out += "\n  if: " + std::string(sourceText(a, f->value->range));
        return out;
      }
      return "resource " + (n->resourceKind ? n->resourceKind->name + " " : "") + id.name;
    }
    case sema::SymbolKind::Kind: {
      auto it = m.kinds.find(id.name);
      std::string out = "kind " + id.name;
      if (it == m.kinds.end()) return out;
      out += " {";
      for (const sema::KindField& f : it->second.fields)
        out += std::string("\n  ") + (f.isOutput ? "out " : "in ") + f.name + ": " +
               (f.type ? f.type->toString() : "?") + (f.hasDefault ? " (has a default)" : "");
      return out + "\n}";
    }
    case sema::SymbolKind::KindField: {
      auto it = m.kinds.find(qualifier);
      const sema::KindField* f =
          it == m.kinds.end() ? nullptr : it->second.field(std::string(spelling));
      if (!f) return "field " + id.name;
      return std::string(f->isOutput ? "out " : "in ") + f->name + ": " +
             (f->type ? f->type->toString() : "?") + (f->hasDefault ? " (has a default)" : "") +
             "\n// a field of kind " + qualifier;
    }
    case sema::SymbolKind::Param: {
      auto it = m.params.find(id.name);
      if (it == m.params.end() || !it->second.spec) return "param " + id.name;
      return "param " +
             paramText(a, *it->second.spec, it->second.type ? it->second.type->toString() : "?");
    }
    case sema::SymbolKind::PipelineParam: {
      auto p = m.pipelines.find(qualifier);
      auto t = m.pipelineParamTypes.find(id.name);
      if (p != m.pipelines.end())
        for (const auto& spec : p->second->params)
          if (spec.name.name == spelling)
            return "param " +
                   paramText(
                       a, spec,
                       t != m.pipelineParamTypes.end() && t->second ? t->second->toString() : "?") +
                   "\n# a param of pipeline " + qualifier;
      return "param " + id.name;
    }
    case sema::SymbolKind::Host: {
      auto it = m.hosts.find(id.name);
      if (it == m.hosts.end()) return "host " + id.name;
      std::string out = "host " + id.name;
      for (const char* name : {"address", "tags"})
        if (const syntax::Field* f = it->second->field(name); f && f->value)
          out += std::string("\n  ") + name + ": " + std::string(sourceText(a, f->value->range));
      return out;
    }
    case sema::SymbolKind::Pipeline: {
      auto it = m.pipelines.find(id.name);
      if (it == m.pipelines.end()) return "pipeline " + id.name;
      std::string out = "pipeline " + id.name + "(";
      for (std::size_t i = 0; i < it->second->params.size(); ++i) {
        const auto& spec = it->second->params[i];
        auto t = m.pipelineParamTypes.find(id.name + "." + spec.name.name);
        out +=
            (i ? ", " : "") +
            paramText(a, spec,
                      t != m.pipelineParamTypes.end() && t->second ? t->second->toString() : "?");
      }
      out += ")";
      for (const auto& stage : it->second->stages) out += "\n  stage " + stage.name.name;
      return out;
    }
    case sema::SymbolKind::Stage: {
      auto it = m.pipelines.find(qualifier);
      std::string out = "stage " + std::string(spelling) + " of pipeline " + qualifier;
      if (it != m.pipelines.end())
        for (const auto& stage : it->second->stages)
          if (stage.name.name == spelling)
            if (const syntax::Field* on = stage.field("on"); on && on->value)
              out += "\n  on: " + std::string(sourceText(a, on->value->range));
      return out;
    }
  }
  return id.name;
}

// A condition field under the cursor: a stage's `on:` (with its pipeline,
// whose params' defaults it is matched with) or an item's or resource's `if:`.
struct ConditionField {
  const syntax::Field* field = nullptr;
  const syntax::PipelineDecl* pipeline = nullptr;
  explicit operator bool() const { return field != nullptr; }
};

bool covers(const syntax::Field& f, source::SourceLoc loc) {
  if (!f.value) return false;
  source::SourceRange r = f.range.valid() ? f.range : f.value->range;
  return r.begin.offset <= loc.offset && loc.offset <= f.value->range.end.offset;
}

ConditionField conditionFieldAt(const Analysis& a, source::SourceLoc loc) {
  for (const syntax::Module* m : a.program.modules) {
    if (m->file != a.file || loc.file != a.file) continue;
    for (const auto& decl : m->decls) {
      if (const auto* pipeline = syntax::as<syntax::PipelineDecl>(*decl)) {
        for (const syntax::StageDecl& stage : pipeline->stages)
          if (const syntax::Field* on = stage.field("on"); on && covers(*on, loc))
            return {on, pipeline};
      } else if (const auto* block = syntax::as<syntax::BlockDecl>(*decl)) {
        if (const syntax::Field* cond = block->field("if"); cond && covers(*cond, loc))
          return {cond, nullptr};
      }
    }
  }
  return {};
}

// "Matches 2 of 3 inventory hosts: a, b".
std::string matchesText(Context& c, const Analysis& a, const ConditionField& where) {
  const syntax::Expr& condition = *where.field->value;
  inventory::Inventory inv = programInventory(a, c.inventories);
  std::vector<std::string> hosts = matchingHosts(a, inv, condition, where.pipeline);
  std::string out = "Matches " + std::to_string(hosts.size()) + " of " +
                    std::to_string(inv.hosts.size()) + " inventory hosts";
  for (std::size_t i = 0; i < hosts.size() && i < 20; ++i) out += (i ? ", " : ": ") + hosts[i];
  if (hosts.size() > 20) out += " and " + std::to_string(hosts.size() - 20) + " more";
  return out + ".\n";
}

// The `each` of `${each}` under `loc`: no symbol, but worth a word.
std::optional<source::SourceRange> eachAt(const Analysis& a, source::SourceLoc loc) {
  if (loc.file != a.file) return std::nullopt;
  std::string_view text = a.compilation->sources().text(a.file);
  auto word = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; };
  std::uint32_t begin = std::min<std::uint32_t>(loc.offset, text.size());
  std::uint32_t end = begin;
  while (begin > 0 && word(text[begin - 1])) --begin;
  while (end < text.size() && word(text[end])) ++end;
  if (text.substr(begin, end - begin) != "each" || begin < 2 || text.substr(begin - 2, 2) != "${")
    return std::nullopt;
  source::SourceRange r;
  r.begin = {a.file, begin};
  r.end = {a.file, end};
  return r;
}

}  // namespace

json hover(Context& c, const json& params) {
  Cursor cursor = cursorAt(c, params);
  const Analysis& a = cursor.analysis;
  if (auto each = eachAt(a, cursor.loc); each && !cursor.occurrence)
    return {{"contents",
             {{"kind", "markdown"},
              {"value",
               "```magic\neach: string\n```\n\nThe element of the stage's `foreach:` "
               "this task runs for."}}},
            {"range", rangeOf(*a.compilation, *each, c.encoding)}};
  ConditionField on = conditionFieldAt(a, cursor.loc);
  if (!cursor.occurrence) {
    // A tag in a condition is no symbol: the hover is what the condition matches.
    if (!on) return nullptr;
    return {{"contents",
             {{"kind", "markdown"},
              {"value", "```magic\n" + on.field->name.name + ": " +
                            std::string(sourceText(a, on.field->value->range)) + "\n```\n\n" +
                            matchesText(c, a, on)}}},
            {"range", rangeOf(*a.compilation, on.field->value->range, c.encoding)}};
  }
  std::string value = "```magic\n" + describe(a, cursor.occurrence->symbol) + "\n```";
  if (const sema::Occurrence* decl = a.index.declaration(cursor.occurrence->symbol)) {
    std::string doc = docComment(a, decl->range.begin);
    if (!doc.empty()) value += "\n\n" + doc;
    if (decl->range.begin.file != a.file && decl->range.begin.file != 0)
      value += "\n\nDeclared in " + a.compilation->sources().name(decl->range.begin.file);
  }
  if (on) value += "\n\n" + matchesText(c, a, on);
  return {{"contents", {{"kind", "markdown"}, {"value", value}}},
          {"range", rangeOf(*a.compilation, cursor.occurrence->range, c.encoding)}};
}

}  // namespace magicc::lsp
