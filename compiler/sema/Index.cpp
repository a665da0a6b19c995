#include "sema/Index.h"

#include <algorithm>

namespace magicc::sema {

using syntax::Expr;
using syntax::ExprKind;

std::string_view symbolKindName(SymbolKind kind) {
  switch (kind) {
    case SymbolKind::Node:
      return "node";
    case SymbolKind::Kind:
      return "kind";
    case SymbolKind::KindField:
      return "field";
    case SymbolKind::Param:
      return "param";
    case SymbolKind::PipelineParam:
      return "pipeline param";
    case SymbolKind::Host:
      return "host";
    case SymbolKind::Pipeline:
      return "pipeline";
    case SymbolKind::Stage:
      return "stage";
  }
  return "symbol";
}

std::string_view SymbolId::spelling() const {
  std::string_view n(name);
  if (kind == SymbolKind::KindField || kind == SymbolKind::PipelineParam ||
      kind == SymbolKind::Stage) {
    std::size_t dot = n.rfind('.');
    if (dot != std::string_view::npos) n.remove_prefix(dot + 1);
  }
  return n;
}

namespace {

class Builder {
 public:
  Builder(const SemanticModel& model, std::vector<Occurrence>& out) : model_(model), out_(out) {}

  void module(const syntax::Module& m) {
    for (const auto& decl : m.decls) declaration(*decl);
  }

 private:
  void add(SymbolKind kind, std::string name, source::SourceRange range, bool declaration) {
    if (!range.valid() || name.empty()) return;
    out_.push_back({{kind, std::move(name)}, range, declaration});
  }

  void declaration(const syntax::Decl& d) {
    using syntax::as;
    if (const auto* p = as<syntax::ParamDecl>(d)) {
      add(SymbolKind::Param, p->spec.name.name, p->spec.name.range, true);
      if (p->spec.defaultValue) value(*p->spec.defaultValue, nullptr);
    } else if (const auto* h = as<syntax::HostDecl>(d)) {
      add(SymbolKind::Host, h->name.name, h->name.range, true);
    } else if (const auto* r = as<syntax::ResourceDecl>(d)) {
      add(SymbolKind::Node, r->name.name, r->name.range, true);
      add(SymbolKind::Kind, r->kindName.name, r->kindName.range, false);
      for (const auto& f : r->fields) {
        if (model_.kinds.count(r->kindName.name))
          add(SymbolKind::KindField, r->kindName.name + "." + f.name.name, f.name.range, false);
        field(f, nullptr);
      }
    } else if (const auto* i = as<syntax::ItemDecl>(d)) {
      add(SymbolKind::Node, i->name.name, i->name.range, true);
      for (const auto& f : i->fields) field(f, nullptr);
    } else if (const auto* k = as<syntax::KindDecl>(d)) {
      add(SymbolKind::Kind, k->name.name, k->name.range, true);
      for (const auto& m : k->members) {
        add(SymbolKind::KindField, k->name.name + "." + m.name.name, m.name.range, true);
        if (m.defaultValue) value(*m.defaultValue, nullptr);
      }
      kindName_ = &k->name.name;
      for (const auto& f : k->fields)
        if (f.value) value(*f.value, nullptr);
      kindName_ = nullptr;
    } else if (const auto* pl = as<syntax::PipelineDecl>(d)) {
      pipeline(*pl);
    } else if (const auto* e = as<syntax::EdgeDecl>(d)) {
      for (const auto& end : e->ends) {
        add(SymbolKind::Node, end.node.name, end.node.range, false);
        const NodeInfo* node = model_.findNode(end.node.name);
        if (end.field && node && node->resourceKind)
          add(SymbolKind::KindField, node->resourceKind->name + "." + end.field->name,
              end.field->range, false);
      }
    }
  }

  void pipeline(const syntax::PipelineDecl& p) {
    add(SymbolKind::Pipeline, p.name.name, p.name.range, true);
    pipeline_ = &p;
    for (const auto& spec : p.params) {
      add(SymbolKind::PipelineParam, p.name.name + "." + spec.name.name, spec.name.range, true);
      if (spec.defaultValue) value(*spec.defaultValue, nullptr);
    }
    for (const auto& f : p.fields) field(f, nullptr);
    for (const auto& stage : p.stages) {
      add(SymbolKind::Stage, p.name.name + "." + stage.name.name, stage.name.range, true);
      for (const auto& f : stage.fields) field(f, &stage);
    }
    pipeline_ = nullptr;
  }

  void field(const syntax::Field& f, const syntax::StageDecl* stage) {
    if (!f.value) return;
    const std::string& name = f.name.name;
    if (name == "depends" || (stage && name == "apply")) {
      nodeList(*f.value);
      return;
    }
    value(*f.value, stage);
  }

  void nodeList(const Expr& e) {
    if (e.kind == ExprKind::Name) add(SymbolKind::Node, e.name, e.range, false);
    if (e.kind == ExprKind::List)
      for (const auto& element : e.operands)
        if (element) nodeList(*element);
  }

  // A name that refers to a param where it stands, if any.
  void paramRef(const std::string& name, source::SourceRange range) {
    if (pipeline_) {
      for (const auto& spec : pipeline_->params)
        if (spec.name.name == name) {
          add(SymbolKind::PipelineParam, pipeline_->name.name + "." + name, range, false);
          return;
        }
    }
    if (model_.params.count(name)) add(SymbolKind::Param, name, range, false);
  }

  void value(const Expr& e, const syntax::StageDecl* stage) {
    switch (e.kind) {
      case ExprKind::Name:
        // In a condition a bare name is a tag or a host var; elsewhere
        // (batch: size, foreach: list) it names a param.
        if (!inCondition_) paramRef(e.name, e.range);
        return;
      case ExprKind::ParamRef: {
        // $name: the name is the range's tail.
        source::SourceRange r = e.range;
        if (r.end.offset >= e.name.size()) r.begin.offset = r.end.offset - e.name.size();
        paramRef(e.name, r);
        return;
      }
      case ExprKind::String:
        for (const auto& part : e.parts) {
          if (part.kind != syntax::StringPart::Kind::Interpolation) continue;
          source::SourceRange r = part.range;  // ${name}
          r.begin.offset += 2;
          if (r.end.offset > r.begin.offset) r.end.offset -= 1;
          if (kindName_)
            add(SymbolKind::KindField, *kindName_ + "." + part.text, r, false);
          else
            paramRef(part.text, r);
        }
        return;
      case ExprKind::Map:
        for (const auto& entry : e.entries)
          if (entry.value) value(*entry.value, stage);
        return;
      default:
        break;
    }
    bool wasCondition = inCondition_;
    if (e.isCondition()) inCondition_ = true;
    for (const auto& operand : e.operands)
      if (operand) value(*operand, stage);
    inCondition_ = wasCondition;
  }

  const SemanticModel& model_;
  std::vector<Occurrence>& out_;
  const syntax::PipelineDecl* pipeline_ = nullptr;
  const std::string* kindName_ = nullptr;
  bool inCondition_ = false;
};

}  // namespace

SymbolIndex SymbolIndex::build(const syntax::LoadedProgram& program, const syntax::Module& stdlib,
                               const SemanticModel& model) {
  SymbolIndex index;
  Builder builder(model, index.occurrences_);
  builder.module(stdlib);
  for (const syntax::Module* m : program.modules) builder.module(*m);
  // Only what resolves: a use whose symbol has no declaration is dropped.
  std::vector<SymbolId> declared;
  for (const Occurrence& o : index.occurrences_)
    if (o.declaration) declared.push_back(o.symbol);
  std::sort(declared.begin(), declared.end());
  std::erase_if(index.occurrences_, [&](const Occurrence& o) {
    return !std::binary_search(declared.begin(), declared.end(), o.symbol);
  });
  std::stable_sort(
      index.occurrences_.begin(), index.occurrences_.end(),
      [](const Occurrence& a, const Occurrence& b) { return a.range.begin < b.range.begin; });
  return index;
}

const Occurrence* SymbolIndex::at(source::SourceLoc loc) const {
  auto it =
      std::upper_bound(occurrences_.begin(), occurrences_.end(), loc,
                       [](source::SourceLoc l, const Occurrence& o) { return l < o.range.begin; });
  while (it != occurrences_.begin()) {
    --it;
    if (it->range.begin.file != loc.file) return nullptr;
    if (loc.offset <= it->range.end.offset) return &*it;
    // Occurrences do not nest: the nearest one before is the only candidate.
    return nullptr;
  }
  return nullptr;
}

std::vector<const Occurrence*> SymbolIndex::occurrences(const SymbolId& symbol) const {
  std::vector<const Occurrence*> out;
  for (const Occurrence& o : occurrences_)
    if (o.symbol == symbol) out.push_back(&o);
  return out;
}

const Occurrence* SymbolIndex::declaration(const SymbolId& symbol) const {
  for (const Occurrence& o : occurrences_)
    if (o.declaration && o.symbol == symbol) return &o;
  return nullptr;
}

}  // namespace magicc::sema
