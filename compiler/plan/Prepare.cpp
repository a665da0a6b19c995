#include "plan/Prepare.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <set>
#include <sstream>

#include "inventory/HostPattern.h"
#include "plan/HostHint.h"
#include "plan/LostOrdering.h"
#include "support/Suggest.h"
#include "syntax/Parser.h"

namespace magicc::plan {

namespace {

// --require a,b --require c: one sorted, de-duplicated list.
std::vector<std::string> splitRequirements(const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  for (const auto& r : raw) {
    std::stringstream in(r);
    std::string part;
    while (std::getline(in, part, ','))
      if (!part.empty()) out.push_back(part);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The steps, each returning false when the plan cannot go on (status set).
class Preparer {
 public:
  Preparer(const PlanRequest& request, PreparedPlan& out) : request_(request), out_(out) {}

  bool load();
  bool params();
  bool hosts();
  bool targets();
  bool decideConditions();
  bool stages();
  std::optional<std::set<std::string>> limitHosts();
  bool warnLostOrderings();

 private:
  bool stop(PrepareStatus status) {
    out_.status = status;
    return false;
  }
  diag::DiagnosticEngine& diags() { return out_.compilation->diags(); }

  const PlanRequest& request_;
  PreparedPlan& out_;
};

bool Preparer::load() {
  out_.program = out_.compilation->load(request_.file);
  if (!out_.program) return stop(PrepareStatus::BadRequest);
  out_.phases.end("parse");
  out_.model = out_.compilation->analyze(*out_.program);
  if (diags().hasErrors()) return stop(PrepareStatus::ProgramErrors);
  out_.phases.end("check");
  return true;
}

// Params first: a bad or missing value stops everything before any planning.
bool Preparer::params() {
  const sema::SemanticModel& model = out_.model;
  std::vector<const sema::ParamInfo*> params;
  for (const auto& [name, p] : model.params) params.push_back(&p);
  if (request_.pipeline.empty() && model.nodes.empty() && !model.pipelines.empty()) {
    // Nothing would run: the user forgot the pipeline's name.
    std::string names;
    for (const auto& [n, p] : model.pipelines) names += (names.empty() ? "'" : ", '") + n + "'";
    diags().report(diag::DiagId::NoPipelineNamed, source::SourceRange{}, names);
    return stop(PrepareStatus::BadRequest);
  }
  if (!request_.pipeline.empty()) {
    auto it = model.pipelines.find(request_.pipeline);
    if (it == model.pipelines.end()) {
      std::vector<std::string_view> names;
      for (const auto& [n, p] : model.pipelines) names.push_back(n);
      diags().report(diag::DiagId::UnknownPipeline, source::SourceRange{}, request_.pipeline,
                     support::didYouMean(request_.pipeline, names));
      return stop(PrepareStatus::BadRequest);
    }
    out_.pipeline = it->second;
    for (const auto& spec : out_.pipeline->params) {
      auto type = model.pipelineParamTypes.find(out_.pipeline->name.name + "." + spec.name.name);
      if (type != model.pipelineParamTypes.end())
        out_.pipelineParams[spec.name.name] = sema::ParamInfo{spec.name.name, type->second, &spec};
    }
    for (const auto& [name, p] : out_.pipelineParams) params.push_back(&p);
  }
  // Params of the pipelines not named: a -D for one says where it belongs.
  std::map<std::string, std::string> elsewhere;
  for (const auto& [name, pipeline] : model.pipelines)
    if (!out_.pipeline || out_.pipeline != pipeline)
      for (const auto& spec : pipeline->params)
        if (!model.params.count(spec.name.name) && !out_.pipelineParams.count(spec.name.name))
          elsewhere.emplace(spec.name.name,
                            "pipeline '" + name + "'; name the pipeline after the program");
  std::vector<GivenParam> given;
  for (const auto& define : request_.defines) {
    if (!isVarsFileDefine(define)) {
      given.push_back(GivenParam{define, {}, {}, {}});
      continue;
    }
    std::size_t before = diags().errorCount();
    loadVarsFile(out_.compilation->sources(), define.substr(1), given, diags());
    if (diags().errorCount() != before &&
        std::any_of(
            diags().diagnostics().begin(), diags().diagnostics().end(),
            [](const diag::Diagnostic& d) { return d.id == diag::DiagId::VarsFileNotReadable; }))
      return stop(PrepareStatus::BadRequest);  // an I/O error (exit 2), not the program's
  }
  auto paramSet = resolveParams(params, given, request_.prompt, diags(), elsewhere);
  if (!paramSet) return stop(PrepareStatus::ProgramErrors);
  out_.paramSet = std::move(*paramSet);
  return true;
}

// Hosts: inventories (the request's and `inventory` statements), then `host` declarations.
bool Preparer::hosts() {
  frontend::Compilation& compilation = *out_.compilation;
  inventory::Inventory& inv = out_.inventory;
  // One loader for all of them: a group's vars reach its hosts in every file.
  inventory::InventoryLoader loader(compilation.sources(), diags());
  for (const auto& path : request_.inventories) loader.add(path, {});
  for (const syntax::Module* m : out_.program->modules) {
    std::filesystem::path dir =
        std::filesystem::path(compilation.sources().name(m->file)).parent_path();
    for (const auto& decl : m->decls)
      if (auto* statement = syntax::as<syntax::InventoryDecl>(*decl);
          statement && statement->path.valid())
        loader.add((dir / statement->path.name).string(), statement->path.range);
  }
  loader.finish(inv);
  inventory::addHostDeclarations(out_.model, inv);
  inventory::applyDiscovered(inv, request_.discovered);
  if (diags().hasErrors()) {
    // A file that cannot be read is an I/O error (exit 2), not the program's.
    bool unreadable = std::any_of(
        diags().diagnostics().begin(), diags().diagnostics().end(),
        [](const diag::Diagnostic& d) { return d.id == diag::DiagId::InventoryNotReadable; });
    return stop(unreadable ? PrepareStatus::BadRequest : PrepareStatus::ProgramErrors);
  }
  out_.phases.end("inventory");
  return true;
}

// --limit: the hosts an Ansible pattern matches, or nullopt (reported).
std::optional<std::set<std::string>> Preparer::limitHosts() {
  // `@FILE` terms are the file's lines (a .retry file), as Ansible reads them.
  std::vector<std::string> terms;
  for (auto& term : inventory::splitHostPattern(request_.limit)) {
    if (term[0] != '@') {
      terms.push_back(std::move(term));
      continue;
    }
    auto loaded = out_.compilation->sources().loadFile(term.substr(1));
    if (loaded.id == source::kInvalidFile) {
      diags().report(diag::DiagId::BadHostPattern, source::SourceRange{}, request_.limit,
                     "cannot read " + term.substr(1) + ": " + loaded.error);
      return std::nullopt;
    }
    std::stringstream lines{std::string(out_.compilation->sources().text(loaded.id))};
    for (std::string line; std::getline(lines, line);) {
      while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
        line.pop_back();
      std::size_t first = line.find_first_not_of(" \t");
      if (first != std::string::npos) terms.push_back(line.substr(first));
    }
  }
  inventory::PatternMatch match = inventory::matchHostTerms(std::move(terms), out_.inventory);
  if (!match.error.empty()) {
    diags().report(diag::DiagId::BadHostPattern, source::SourceRange{}, request_.limit,
                   match.error);
    return std::nullopt;
  }
  for (const auto& term : match.unmatched)
    diags().report(diag::DiagId::LimitTermUnmatched, source::SourceRange{}, term, request_.limit);
  if (match.hosts.empty()) {
    diags().report(diag::DiagId::LimitMatchesNoHost, source::SourceRange{}, request_.limit,
                   out_.inventory.hosts.empty()
                       ? "; no inventory was given (-i FILE) and the program declares no host"
                       : "");
    return std::nullopt;
  }
  return std::set<std::string>(match.hosts.begin(), match.hosts.end());
}

bool Preparer::targets() {
  const sema::SemanticModel& model = out_.model;
  out_.graph = std::make_unique<ir::Graph>(ir::buildGraph(model, out_.compilation->sources()));
  ir::Graph& graph = *out_.graph;
  out_.require = splitRequirements(request_.require);
  std::optional<std::set<std::string>> limit;
  if (!request_.limit.empty()) {
    limit = limitHosts();
    if (!limit) return stop(PrepareStatus::BadRequest);
  }
  if (request_.hosts.empty()) {
    if (limit) {
      // --limit alone: the hosts it matches are the targets and the stages' hosts.
      out_.chosenHosts = limit;
      if (!out_.pipeline)
        for (const auto& name : *limit)
          out_.targets.push_back(
              hostTarget(out_.inventory.hosts.at(name), out_.require, graph.names));
    } else if (!out_.pipeline) {
      out_.targets.push_back(localTarget(out_.require, graph.names));
    }
    out_.phases.end("lower");
    return true;
  }
  source::SourceManager& sources = out_.compilation->sources();
  auto file = sources.addBuffer("--hosts", request_.hosts);
  syntax::ExprPtr cond = syntax::parseCondition(sources, file, diags());
  if (!cond) return stop(PrepareStatus::BadRequest);
  // `$name` in the selector must be a param, as in the program's own conditions.
  std::vector<const syntax::Expr*> work{cond.get()};
  while (!work.empty()) {
    const syntax::Expr* e = work.back();
    work.pop_back();
    for (const auto& op : e->operands) work.push_back(op.get());
    if (e->kind != syntax::ExprKind::ParamRef || out_.paramSet.values.count(e->name) ||
        model.params.count(e->name) || out_.pipelineParams.count(e->name))
      continue;
    std::vector<std::string_view> names;
    for (const auto& [n, p] : model.params) names.push_back(n);
    diags().report(diag::DiagId::UnknownName, e->range, "param", "$" + e->name,
                   support::didYouMean(e->name, names));
  }
  if (diags().hasErrors()) return stop(PrepareStatus::BadRequest);
  ir::Condition selector = ir::lowerCondition(*cond, request_.hosts, graph.names);
  std::set<std::string> chosen;
  bool anySelected = false;
  for (const auto& [name, host] : out_.inventory.hosts) {
    // The selector sees the host's own tags and vars; the requirements are
    // added afterwards, for the items' conditions.
    Target own = hostTarget(host, {}, graph.names);
    if (!ir::evaluate(selector, own.reqs, out_.paramSet.values)) continue;
    anySelected = true;
    if (limit && !limit->count(name)) continue;
    chosen.insert(name);
    out_.targets.push_back(hostTarget(host, out_.require, graph.names));
  }
  if (!anySelected) {
    // A command line that selects nothing is a usage error, as a bad one is.
    diags().report(diag::DiagId::NoHostsMatch, source::SourceRange{}, request_.hosts,
                   noHostHint(*cond, out_.inventory));
    return stop(PrepareStatus::BadRequest);
  }
  if (chosen.empty()) {
    diags().report(diag::DiagId::LimitMatchesNoHost, source::SourceRange{}, request_.limit,
                   " among the hosts of --hosts '" + request_.hosts + "'");
    return stop(PrepareStatus::BadRequest);
  }
  out_.chosenHosts = std::move(chosen);
  out_.phases.end("lower");
  return true;
}

bool Preparer::stages() {
  StageSelection selection =
      selectStages(request_.stages, out_.pipeline, out_.model, *out_.graph, diags());
  if (!selection.ok)
    return stop(selection.usage ? PrepareStatus::BadRequest : PrepareStatus::ProgramErrors);
  out_.selectedStages = std::move(selection.stages);
  return true;
}

bool Preparer::decideConditions() {
  if (!decide(*out_.graph, out_.targets, out_.paramSet.values, request_.jit, out_.keep,
              out_.decided)) {
    diags().report(diag::DiagId::JitUnavailable, source::SourceRange{}, out_.decided.note);
    return stop(PrepareStatus::BadRequest);
  }
  out_.phases.end("conditions");
  return true;
}

bool Preparer::warnLostOrderings() {
  const ir::Graph& g = *out_.graph;
  for (const LostOrdering& lost : findLostOrderings(g, out_.targets, out_.keep, 20))
    diags().report(diag::DiagId::LostOrdering, g.nodes[lost.after].decl->name.range,
                   g.nameOf(lost.after), g.nameOf(lost.before), lost.target,
                   g.nameOf(lost.through));
  return true;
}

}  // namespace

PreparedPlan prepare(const PlanRequest& request) {
  PreparedPlan out;
  out.compilation = std::make_unique<frontend::Compilation>(request.compilation);
  if (request.leakOnExit) out.compilation->leakOnExit();
  out.compilation->diags().setErrorLimit(request.errorLimit);
  Preparer steps(request, out);
  (void)(steps.load() && steps.params() && steps.hosts() && steps.targets() && steps.stages() &&
         steps.decideConditions() && steps.warnLostOrderings());
  return out;
}

JitMode jitModeFrom(const std::string& text) {
  return text == "on" ? JitMode::On : text == "off" ? JitMode::Off : JitMode::Auto;
}

const char* jitModeName(JitMode mode) {
  switch (mode) {
    case JitMode::On:
      return "on";
    case JitMode::Off:
      return "off";
    case JitMode::Auto:
      break;
  }
  return "auto";
}

}  // namespace magicc::plan
