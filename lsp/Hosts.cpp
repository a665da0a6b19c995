#include "lsp/Hosts.h"

#include <filesystem>
#include <set>

#include "ir/Condition.h"
#include "plan/Plan.h"
#include "plan/Quantity.h"

namespace magicc::lsp {

namespace {

std::string sourceText(const Analysis& a, source::SourceRange r) {
  if (!r.valid() || r.end.offset < r.begin.offset) return {};
  return std::string(a.compilation->sources()
                         .text(r.begin.file)
                         .substr(r.begin.offset, r.end.offset - r.begin.offset));
}

// A default's value as `magicc plan` would take it: a string's text, a
// number's digits, otherwise the source.
std::string defaultText(const Analysis& a, const syntax::Expr& e) {
  if (e.kind == syntax::ExprKind::String) return e.plainString().value_or("");
  if (e.kind == syntax::ExprKind::Int) return std::to_string(e.intValue);
  return sourceText(a, e.range);
}

// The params that have defaults (top-level and the pipeline's own). A
// pipeline's param hides a top-level one of its name, default or not.
ir::ParamValues defaults(const Analysis& a, const syntax::PipelineDecl* pipeline) {
  ir::ParamValues values;
  for (const auto& [name, info] : a.model.params)
    if (info.spec && info.spec->defaultValue)
      values[name] = defaultText(a, *info.spec->defaultValue);
  if (pipeline)
    for (const syntax::ParamSpec& spec : pipeline->params) {
      if (spec.defaultValue)
        values[spec.name.name] = defaultText(a, *spec.defaultValue);
      else
        values.erase(spec.name.name);
    }
  return values;
}

std::vector<std::string> match(const Analysis& a, const inventory::Inventory& inv,
                               const syntax::Expr& condition, const ir::ParamValues& values) {
  ir::NameTable names;
  ir::Condition cond = ir::lowerCondition(condition, sourceText(a, condition.range), names);
  std::vector<std::string> out;
  for (const auto& [name, host] : inv.hosts)
    if (ir::evaluate(cond, plan::hostTarget(host, {}, names).reqs, values)) out.push_back(name);
  return out;
}

}  // namespace

inventory::Inventory programInventory(const Analysis& a, const std::vector<std::string>& extra) {
  inventory::Inventory inv;
  source::SourceManager sources;  // the YAML files are read from the disk
  diag::DiagnosticEngine diags;   // unreadable inventories are the checker's to report
  for (const std::string& path : extra) inventory::loadYamlInventory(sources, path, {}, inv, diags);
  for (const syntax::Module* m : a.program.modules) {
    std::filesystem::path dir =
        std::filesystem::path(a.compilation->sources().name(m->file)).parent_path();
    for (const auto& decl : m->decls)
      if (auto* statement = syntax::as<syntax::InventoryDecl>(*decl);
          statement && statement->path.valid())
        inventory::loadYamlInventory(sources, (dir / statement->path.name).string(), {}, inv,
                                     diags);
  }
  inventory::addHostDeclarations(a.model, inv);
  return inv;
}

std::vector<StageHosts> stageHosts(const Analysis& a, const inventory::Inventory& inv) {
  std::vector<StageHosts> out;
  for (const syntax::Module* m : a.program.modules) {
    if (m->file != a.file) continue;
    for (const auto& decl : m->decls) {
      auto* pipeline = syntax::as<syntax::PipelineDecl>(*decl);
      if (!pipeline) continue;
      ir::ParamValues values = defaults(a, pipeline);
      for (const syntax::StageDecl& stage : pipeline->stages) {
        StageHosts s;
        s.stage = &stage;
        s.pipeline = pipeline->name.name;
        const syntax::Field* on = stage.field("on");
        if (on && on->value) {
          s.local = false;
          s.hosts = match(a, inv, *on->value, values);
        }
        std::vector<std::string> selected = s.local ? std::vector<std::string>{"local"} : s.hosts;
        diag::DiagnosticEngine diags;  // a bad batch is the checker's to report
        plan::QuantityReader read(values, diags, stage.name.name);
        long long batch = read.count(stage.field("batch"), 1).value_or(0);
        for (std::size_t i = 0; i < selected.size();) {
          std::size_t size = batch > 0 ? static_cast<std::size_t>(batch) : selected.size();
          std::vector<std::string> b;
          for (std::size_t k = 0; k < size && i < selected.size(); ++k) b.push_back(selected[i++]);
          s.batches.push_back(std::move(b));
        }
        out.push_back(std::move(s));
      }
    }
  }
  return out;
}

std::vector<std::string> matchingHosts(const Analysis& a, const inventory::Inventory& inv,
                                       const syntax::Expr& condition,
                                       const syntax::PipelineDecl* pipeline) {
  return match(a, inv, condition, defaults(a, pipeline));
}

std::vector<std::string> inventoryTags(const inventory::Inventory& inv) {
  std::set<std::string> tags;
  for (const auto& [name, host] : inv.hosts) tags.insert(host.tags.begin(), host.tags.end());
  return {tags.begin(), tags.end()};
}

}  // namespace magicc::lsp
