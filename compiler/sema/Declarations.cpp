// Collecting declarations into the model: names, kinds, param types.
#include <re2/re2.h>

#include <algorithm>

#include "sema/Analyzer.h"
#include "support/Suggest.h"

namespace magicc::sema {

using diag::DiagId;
using syntax::as;

const KindField* KindInfo::field(const std::string& fieldName) const {
  for (const auto& f : fields)
    if (f.name == fieldName) return &f;
  return nullptr;
}

SemanticModel analyze(const syntax::LoadedProgram& program, const syntax::Module& stdlib,
                      const source::SourceManager& sources, diag::DiagnosticEngine& diags,
                      FileContentSources fileContents) {
  return Analyzer(sources, diags, std::move(fileContents)).run(program, stdlib);
}

SemanticModel Analyzer::run(const syntax::LoadedProgram& program, const syntax::Module& stdlib) {
  stdlib_ = &stdlib;
  collect(stdlib);
  // Imports before the files that import them, so that a redefinition is
  // reported in the importing file, with the note in the import.
  for (auto it = program.modules.rbegin(); it != program.modules.rend(); ++it) collect(**it);
  finishNodes();

  Scope global;
  for (const auto* decl : paramDecls_) {
    if (!decl->spec.name.valid()) continue;
    const std::string& name = decl->spec.name.name;
    if (decl->hasSyntaxErrors) {
      // Known by name, so that its uses are not reported as well.
      model_.params.emplace(name, ParamInfo{name, Type::error(), &decl->spec});
      continue;
    }
    if (auto it = model_.params.find(name); it != model_.params.end()) {
      diags_.report(DiagId::Redefinition, decl->spec.name.range, "param", name);
      diags_.note(DiagId::PreviousDefinition, it->second.spec->name.range);
      continue;
    }
    model_.params.emplace(name, resolveParam(decl->spec, global));
  }
  for (auto& [name, kind] : model_.kinds)
    if (kind.decl && !kind.decl->hasSyntaxErrors) checkKindCommands(kind);
  for (NodeInfo& node : model_.nodes) {
    if (node.decl->hasSyntaxErrors) continue;
    if (node.kind == NodeInfo::Kind::Item)
      checkItem(node);
    else
      checkResource(node);
  }
  for (auto& [name, host] : model_.hosts)
    if (!host->hasSyntaxErrors) checkHost(*host);
  for (auto& [name, pipeline] : model_.pipelines)
    if (!pipeline->hasSyntaxErrors) checkPipeline(*pipeline);
  for (const auto* edge : edgeDecls_)
    if (!edge->hasSyntaxErrors) checkEdge(*edge);
  checkFileContentSends();
  checkRequiredFields();
  findCycles();
  return std::move(model_);
}

// Adds a named declaration to its namespace, or reports the redefinition.
template <typename Decl>
void Analyzer::defineUnique(std::map<std::string, const Decl*>& names, const Decl* decl,
                            const char* what) {
  if (!decl->name.valid()) return;
  auto [it, fresh] = names.emplace(decl->name.name, decl);
  if (fresh) return;
  diags_.report(DiagId::Redefinition, decl->name.range, what, decl->name.name);
  diags_.note(DiagId::PreviousDefinition, it->second->name.range);
}

void Analyzer::collect(const syntax::Module& module) {
  for (const auto& decl : module.decls) {
    switch (decl->kind) {
      case syntax::DeclKind::Item:
        defineNode(NodeInfo::Kind::Item, *as<syntax::ItemDecl>(*decl));
        break;
      case syntax::DeclKind::Resource:
        defineNode(NodeInfo::Kind::Resource, *as<syntax::ResourceDecl>(*decl));
        break;
      case syntax::DeclKind::Kind:
        resolveKind(*as<syntax::KindDecl>(*decl));
        break;
      case syntax::DeclKind::Param:
        paramDecls_.push_back(as<syntax::ParamDecl>(*decl));
        break;
      case syntax::DeclKind::Host:
        defineUnique(model_.hosts, as<syntax::HostDecl>(*decl), "host");
        break;
      case syntax::DeclKind::Pipeline:
        defineUnique(model_.pipelines, as<syntax::PipelineDecl>(*decl), "pipeline");
        break;
      case syntax::DeclKind::Edge:
        edgeDecls_.push_back(as<syntax::EdgeDecl>(*decl));
        break;
      case syntax::DeclKind::Import:
      case syntax::DeclKind::Inventory:
        break;
    }
  }
}

void Analyzer::defineNode(NodeInfo::Kind kind, const syntax::BlockDecl& decl) {
  if (!decl.name.valid()) return;
  NodeInfo node;
  node.kind = kind;
  node.name = decl.name.name;
  node.decl = &decl;
  model_.nodes.push_back(std::move(node));
}

const NodeInfo* SemanticModel::findNode(std::string_view name) const {
  auto it = std::lower_bound(nodes.begin(), nodes.end(), name,
                             [](const NodeInfo& n, std::string_view key) { return n.name < key; });
  return it != nodes.end() && it->name == name ? &*it : nullptr;
}

// Nodes were appended in declaration order (imports first); sort them by
// name, which gives dense ids in name order and a flat table for lookups,
// and report every name defined twice at its later definition.
void Analyzer::finishNodes() {
  auto& nodes = model_.nodes;
  std::stable_sort(nodes.begin(), nodes.end(),
                   [](const NodeInfo& a, const NodeInfo& b) { return a.name < b.name; });
  std::size_t kept = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (kept > 0 && nodes[kept - 1].name == nodes[i].name) {
      const char* what = nodes[i].kind == NodeInfo::Kind::Item ? "item" : "resource";
      diags_.report(DiagId::Redefinition, nodes[i].decl->name.range, what, nodes[i].name);
      diags_.note(DiagId::PreviousDefinition, nodes[kept - 1].decl->name.range);
      continue;
    }
    if (kept != i) nodes[kept] = std::move(nodes[i]);
    nodes[kept].id = static_cast<int>(kept);
    ++kept;
  }
  nodes.resize(kept);
}

void Analyzer::resolveKind(const syntax::KindDecl& decl) {
  if (!decl.name.valid()) return;
  if (auto it = model_.kinds.find(decl.name.name); it != model_.kinds.end()) {
    diags_.report(DiagId::Redefinition, decl.name.range, "kind", decl.name.name);
    if (it->second.decl) diags_.note(DiagId::PreviousDefinition, it->second.decl->name.range);
    return;
  }
  KindInfo kind;
  kind.name = decl.name.name;
  kind.decl = &decl;
  for (const auto& member : decl.members) {
    if (!member.name.valid()) continue;
    if (const KindField* previous = kind.field(member.name.name)) {
      diags_.report(DiagId::Redefinition, member.name.range, "field", member.name.name);
      diags_.note(DiagId::PreviousDefinition, previous->range);
      continue;
    }
    KindField field;
    field.name = member.name.name;
    field.isOutput = member.isOutput;
    field.type = resolveType(member.type.get());
    field.hasDefault = member.defaultValue != nullptr;
    field.range = member.name.range;
    if (member.defaultValue && !decl.hasSyntaxErrors) {
      Scope none;
      checkValue(*member.defaultValue, field.type, "the default of '" + field.name + "'", none);
    }
    kind.fields.push_back(std::move(field));
  }
  model_.kinds.emplace(kind.name, std::move(kind));
}

TypeRef Analyzer::resolveType(const syntax::TypeExpr* type) {
  using K = syntax::TypeExpr::Kind;
  if (!type) return Type::error();
  switch (type->kind) {
    case K::Error:
      return Type::error();
    case K::Named: {
      if (auto scalar = Type::scalar(type->name)) return scalar;
      if (type->name == "list" || type->name == "map") return Type::error();  // reported by syntax
      static constexpr std::string_view kNames[] = {"bool",   "int",  "string", "duration",
                                                    "secret", "list", "map"};
      diags_.report(DiagId::BadTypeName, type->range, type->name,
                    support::didYouMean(type->name, kNames));
      return Type::error();
    }
    case K::List:
      return Type::list(resolveType(type->element.get()));
    case K::Map:
      return Type::map(resolveType(type->element.get()));
    case K::Optional:
      return Type::optional(resolveType(type->element.get()));
    case K::Enum: {
      std::vector<std::string> values;
      for (const auto& v : type->enumValues) values.push_back(v.name);
      return Type::enumeration(std::move(values));
    }
  }
  return Type::error();
}

// Param defaults are literals: a default computed from another param would
// need an evaluation order (and could form a cycle) before anything runs.
bool Analyzer::isLiteral(const syntax::Expr& e, const std::string& param) {
  if (e.kind == syntax::ExprKind::Name) {
    diags_.report(DiagId::DefaultNotLiteral, e.range, param, e.name);
    return false;
  }
  if (e.kind == syntax::ExprKind::String) {
    for (const auto& part : e.parts) {
      if (part.kind != syntax::StringPart::Kind::Interpolation) continue;
      diags_.report(DiagId::DefaultNotLiteral, part.range, param, "${" + part.text + "}");
      return false;
    }
  }
  bool ok = true;
  for (const auto& op : e.operands) ok = isLiteral(*op, param) && ok;
  for (const auto& entry : e.entries) ok = isLiteral(*entry.value, param) && ok;
  return ok;
}

ParamInfo Analyzer::resolveParam(const syntax::ParamSpec& spec, const Scope& scope) {
  ParamInfo param;
  param.name = spec.name.name;
  param.spec = &spec;
  param.type = resolveType(spec.type.get());
  std::unique_ptr<RE2> regex;
  if (spec.matches) {
    const Type& base =
        param.type->kind() == Type::Kind::Optional ? *param.type->element() : *param.type;
    if (base.kind() != Type::Kind::String && !base.isError()) {
      diags_.report(DiagId::MatchesOnNonString, spec.matches->range, param.name,
                    param.type->toString());
    } else {
      // Compiled now so that a bad regex is a compile error, not a run-time surprise.
      RE2::Options options;
      options.set_log_errors(false);
      regex = std::make_unique<RE2>(spec.matches->name, options);
      if (!regex->ok()) {
        diags_.report(DiagId::BadRegex, spec.matches->range, regex->error());
        regex.reset();
      }
    }
  }
  if (spec.defaultValue && isLiteral(*spec.defaultValue, spec.name.name)) {
    Scope defaults = scope;
    checkValue(*spec.defaultValue, param.type, "param '" + param.name + "'", defaults);
    if (regex) {
      if (auto text = spec.defaultValue->plainString(); text && !RE2::PartialMatch(*text, *regex))
        diags_.report(DiagId::DefaultDoesNotMatch, spec.defaultValue->range, *text,
                      text.has_value() ? "\"" + spec.matches->name + "\"" : "");
    }
  }
  return param;
}

}  // namespace magicc::sema
