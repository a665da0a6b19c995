// magicc plan / magicc graph: what would run, where, in what order.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <sys/resource.h>
#include <termios.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <map>

#include "Commands.h"
#include "Invocation.h"
#include "PreparedPlan.h"
#include "backends/LocalFiles.h"
#include "frontend/Compilation.h"
#include "inventory/Inventory.h"
#include "ir/Graph.h"
#include "plan/Decide.h"
#include "plan/DefineValue.h"
#include "plan/PlanFile.h"
#include "plan/Render.h"
#include "support/Suggest.h"
#include "syntax/Parser.h"

namespace magicc::driver {

namespace {

bool endsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

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

std::string dumpJson(const plan::Json& doc) {
  return doc.dump(2) + "\n";
}

int emitPlan(const plan::Json& doc, const PlanOptions& options) {
  if (!options.output.empty()) {
    // Through a temp file and a rename: a failed write leaves the old plan whole.
    if (std::string why = runtime::writeFileAtomically(options.output, dumpJson(doc), 0644);
        !why.empty()) {
      std::fprintf(stderr, "magicc: error: %s\n", why.c_str());
      return kExitUsage;
    }
  }
  std::string text = options.format == "json"  ? dumpJson(doc)
                     : options.format == "dot" ? plan::renderDot(doc)
                                               : plan::renderText(doc);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

// A saved plan is shown again exactly as it was written. It is untrusted
// input: nesting is bounded and every field checked before anything renders.
int replan(const PlanOptions& options) {
  plan::PlanFile saved = plan::readPlanFile(options.file);
  if (saved.unreadable) {
    std::fprintf(stderr, "magicc: error: %s\n", saved.error.c_str());
    return kExitUsage;
  }
  if (!saved.doc) {
    std::fprintf(stderr, "%s: error: %s\n", options.file.c_str(), saved.error.c_str());
    return kExitUsage;
  }
  return emitPlan(*saved.doc, options);
}

}  // namespace

// Asks for a missing param on the terminal; secrets are read without echo.
std::optional<std::string> askOnTerminal(const sema::ParamInfo& param) {
  if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO)) return std::nullopt;
  bool secret = sema::containsSecret(*param.type);
  std::fprintf(stderr, "param %s (%s): ", param.name.c_str(), param.type->toString().c_str());
  termios saved{};
  if (secret && tcgetattr(STDIN_FILENO, &saved) == 0) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  bool got = static_cast<bool>(std::getline(std::cin, line));
  if (secret) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::fputc('\n', stderr);
  }
  if (!got) return std::nullopt;
  return line;
}

double peakMegabytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

int printStats(const ir::Graph& graph, const std::vector<plan::Target>& targets,
               const plan::KeepMatrix& keepMatrix, const plan::DecideStats& decided,
               Phases& phases) {
  std::size_t kept = 0, filtered = 0, edges = 0, maxWaves = 0;
  std::vector<char> k;
  for (std::size_t t = 0; t < targets.size(); ++t) {
    keepMatrix.row(t, k);
    plan::TargetCounts c = plan::countTarget(graph, k);
    kept += c.kept;
    filtered += c.filtered;
    edges += c.edges;
    maxWaves = std::max(maxWaves, c.waves);
  }
  phases.end("plan");
  std::string out = fmt::format("targets: {}\n", targets.size());
  out += fmt::format("nodes: {} (kept {}, filtered {}, over all targets)\n", graph.nodes.size(),
                     kept, filtered);
  out += fmt::format("edges: {} (kept {} over all targets, TaskComplete's included)\n",
                     graph.edges.size(), edges);
  out += fmt::format("waves: {} at most\n", maxWaves);
  phases.end("output");
  for (const auto& [name, ms] : phases.times()) {
    out += fmt::format("{}: {:.1f} ms", name, ms);
    if (name == "conditions") {
      out += fmt::format(" (engine: {}, {} evaluations: prepare {:.2f} ms", decided.engine,
                         decided.evaluations, decided.prepareMs);
      if (decided.engine == "jit") out += fmt::format(", compile {:.2f} ms", decided.compileMs);
      out +=
          fmt::format(", evaluate {:.3f} ms = {:.3f} ns each)", decided.evaluateMs,
                      decided.evaluations ? decided.evaluateMs * 1e6 / decided.evaluations : 0.0);
    }
    out += "\n";
  }
  out += fmt::format("peak memory: {:.1f} MB\n", peakMegabytes());
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

void warnSecretsOnCommandLine(const std::vector<std::string>& defines,
                              const std::vector<std::string>& secretParams) {
  for (const auto& name : plan::secretsGivenInline(defines, secretParams))
    std::fprintf(stderr,
                 "magicc: warning: secret param '%s' is given on the command line, where every "
                 "user of this machine can read it (/proc/PID/cmdline); give -D %s=@env:VAR, "
                 "@file:PATH or @- instead\n",
                 name.c_str(), name.c_str());
}

int preparePlan(const PlanOptions& options, PreparedPlan& out) {
  out.compilation = std::make_unique<frontend::Compilation>();
  frontend::Compilation& compilation = *out.compilation;
  Phases& phases = out.phases;
  auto& diags = compilation.diags();
  diags.setErrorLimit(options.diagnostics.errorLimit);
  auto fail = [&](int code) {
    emitDiagnostics(diags, compilation.sources(), options.diagnostics);
    return code;
  };
  out.program = compilation.load(options.file);
  if (!out.program) return fail(kExitUsage);
  const syntax::LoadedProgram& program = *out.program;
  phases.end("parse");
  out.model = compilation.analyze(program);
  sema::SemanticModel& model = out.model;
  if (diags.hasErrors()) return fail(kExitProgramErrors);
  phases.end("check");

  // Params first: a bad or missing value stops everything before any planning.
  std::vector<const sema::ParamInfo*> params;
  for (const auto& [name, p] : model.params) params.push_back(&p);
  if (!options.pipeline.empty()) {
    auto it = model.pipelines.find(options.pipeline);
    if (it == model.pipelines.end()) {
      std::vector<std::string_view> names;
      for (const auto& [n, p] : model.pipelines) names.push_back(n);
      diags.report(diag::DiagId::UnknownPipeline, source::SourceRange{}, options.pipeline,
                   support::didYouMean(options.pipeline, names));
      return fail(kExitUsage);
    }
    out.pipeline = it->second;
    for (const auto& spec : out.pipeline->params) {
      auto type = model.pipelineParamTypes.find(out.pipeline->name.name + "." + spec.name.name);
      if (type != model.pipelineParamTypes.end())
        out.pipelineParams[spec.name.name] = sema::ParamInfo{spec.name.name, type->second, &spec};
    }
    for (const auto& [name, p] : out.pipelineParams) params.push_back(&p);
  }
  auto paramSet = plan::resolveParams(params, options.defines, askOnTerminal, diags);
  if (!paramSet) return fail(kExitProgramErrors);
  out.paramSet = std::move(*paramSet);

  // Hosts: inventories (-i and `inventory` statements), then `host` declarations.
  inventory::Inventory& inv = out.inventory;
  for (const auto& path : options.inventories)
    inventory::loadYamlInventory(compilation.sources(), path, {}, inv, diags);
  for (const syntax::Module* m : program.modules) {
    std::filesystem::path dir =
        std::filesystem::path(compilation.sources().name(m->file)).parent_path();
    for (const auto& decl : m->decls)
      if (auto* statement = syntax::as<syntax::InventoryDecl>(*decl);
          statement && statement->path.valid())
        inventory::loadYamlInventory(compilation.sources(), (dir / statement->path.name).string(),
                                     statement->path.range, inv, diags);
  }
  inventory::addHostDeclarations(model, inv);
  if (diags.hasErrors()) return fail(kExitProgramErrors);

  phases.end("inventory");
  out.graph = std::make_unique<ir::Graph>(ir::buildGraph(model, compilation.sources()));
  ir::Graph& graph = *out.graph;
  out.require = splitRequirements(options.require);
  if (!options.hosts.empty()) {
    auto file = compilation.sources().addBuffer("--hosts", options.hosts);
    syntax::ExprPtr cond = syntax::parseCondition(compilation.sources(), file, diags);
    if (!cond) return fail(kExitUsage);
    // `$name` in the selector must be a param, as in the program's own conditions.
    std::vector<const syntax::Expr*> work{cond.get()};
    while (!work.empty()) {
      const syntax::Expr* e = work.back();
      work.pop_back();
      for (const auto& op : e->operands) work.push_back(op.get());
      if (e->kind != syntax::ExprKind::ParamRef || out.paramSet.values.count(e->name) ||
          model.params.count(e->name) || out.pipelineParams.count(e->name))
        continue;
      std::vector<std::string_view> names;
      for (const auto& [n, p] : model.params) names.push_back(n);
      diags.report(diag::DiagId::UnknownName, e->range, "param", "$" + e->name,
                   support::didYouMean(e->name, names));
    }
    if (diags.hasErrors()) return fail(kExitUsage);
    ir::Condition selector = ir::lowerCondition(*cond, options.hosts, graph.names);
    for (const auto& [name, host] : inv.hosts) {
      // The selector sees the host's own tags and vars; --require is added
      // afterwards, for the items' conditions.
      plan::Target own = plan::hostTarget(host, {}, graph.names);
      if (ir::evaluate(selector, own.reqs, out.paramSet.values))
        out.targets.push_back(plan::hostTarget(host, out.require, graph.names));
    }
    if (out.targets.empty()) {
      diags.report(diag::DiagId::NoHostsMatch, source::SourceRange{}, options.hosts);
      return fail(kExitProgramErrors);
    }
  } else if (!out.pipeline) {
    out.targets.push_back(plan::localTarget(out.require, graph.names));
  }

  phases.end("lower");
  plan::JitMode mode = options.jit == "on"    ? plan::JitMode::On
                       : options.jit == "off" ? plan::JitMode::Off
                                              : plan::JitMode::Auto;
  if (!plan::decide(graph, out.targets, out.paramSet.values, mode, out.keep, out.decided)) {
    std::fprintf(stderr, "magicc: error: --jit on: %s\n", out.decided.note.c_str());
    return kExitUsage;
  }
  phases.end("conditions");
  if (diags.warningCount()) emitDiagnostics(diags, compilation.sources(), options.diagnostics);
  return kExitOk;
}

int runPlan(const PlanOptions& options) {
  if (endsWith(options.file, ".json")) return replan(options);
  PreparedPlan prepared;
  if (int code = preparePlan(options, prepared); code != kExitOk) return code;
  warnSecretsOnCommandLine(options.defines, prepared.paramSet.secrets);
  if (options.stats)
    return printStats(*prepared.graph, prepared.targets, prepared.keep, prepared.decided,
                      prepared.phases);
  frontend::Compilation& compilation = *prepared.compilation;
  plan::Json doc;
  doc["version"] = plan::kPlanVersion;
  doc["source"] = options.file;
  doc["source_hash"] = compilation.sourceHash(*prepared.program);
  doc["targets"] = plan::planTargets(*prepared.graph, prepared.targets, prepared.keep);
  if (prepared.pipeline) {
    auto p = plan::planPipeline(*prepared.pipeline, prepared.inventory, prepared.paramSet,
                                prepared.graph->names, compilation.sources(), compilation.diags());
    if (!p) {
      emitDiagnostics(compilation.diags(), compilation.sources(), options.diagnostics);
      return kExitProgramErrors;
    }
    doc["pipeline"] = std::move(*p);
  }
  doc["invocation"] = invocationOf(options, prepared.paramSet);
  return emitPlan(doc, options);
}

}  // namespace magicc::driver
