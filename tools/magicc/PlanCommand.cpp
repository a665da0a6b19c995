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
#include <optional>

#include "Commands.h"
#include "Invocation.h"
#include "PreparedPlan.h"
#include "backends/LocalFiles.h"
#include "frontend/Compilation.h"
#include "inventory/Inventory.h"
#include "ir/Graph.h"
#include "lower/Lower.h"
#include "lower/ShownCommands.h"
#include "plan/Decide.h"
#include "plan/DefineValue.h"
#include "plan/ParamValue.h"
#include "plan/PipelinePlan.h"
#include "plan/PlanFile.h"
#include "plan/Prepare.h"
#include "plan/Render.h"
#include "plan/SavedPlan.h"

namespace magicc::driver {

namespace {

bool endsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string dumpJson(const plan::Json& doc) {
  return doc.dump(2) + "\n";
}

int emitPlan(const plan::Json& doc, const PlanOptions& options) {
  auto render = [&doc](const std::string& format) {
    return format == "json"  ? dumpJson(doc)
           : format == "dot" ? plan::renderDot(doc)
                             : plan::renderText(doc);
  };
  if (!options.output.empty()) {
    // A saved plan is JSON (what `run` takes); with --dot, or named .dot, a picture.
    std::string saved =
        options.format == "dot" || endsWith(options.output, ".dot") ? "dot" : "json";
    // Through a temp file and a rename: a failed write leaves the old plan whole.
    if (std::string why = runtime::writeFileAtomically(options.output, render(saved), 0644);
        !why.empty()) {
      std::fprintf(stderr, "magicc: error: %s\n", why.c_str());
      return kExitUsage;
    }
  }
  std::string text = render(options.format);
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
               plan::Phases& phases) {
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
  plan::PlanRequest request = planRequestOf(options);
  request.prompt = askOnTerminal;
  request.leakOnExit = true;  // the process ends after the plan or run: skip freeing the AST
  out = plan::prepare(request);
  if (!out.ok()) {
    emitDiagnostics(out.diags(), out.sources(), options.diagnostics);
  } else if (out.diags().warningCount()) {
    // Warnings of a plan that goes on: stdout is the plan's (JSON too).
    DiagnosticOptions text = options.diagnostics;
    text.format = DiagnosticsFormat::Text;
    emitDiagnostics(out.diags(), out.sources(), text);
  }
  switch (out.status) {
    case plan::PrepareStatus::Ok:
      // Shown: what planning and lowering report next is printed on its own
      // (and --Werror's promoted warnings do not fail them).
      out.diags().clear();
      return kExitOk;
    case plan::PrepareStatus::BadRequest:
      return kExitUsage;
    case plan::PrepareStatus::ProgramErrors:
      break;
  }
  return kExitProgramErrors;
}

int runPlan(const PlanOptions& options) {
  if (plan::isPlanFile(options.file)) return replan(options);
  PreparedPlan prepared;
  if (int code = preparePlan(options, prepared); code != kExitOk) return code;
  warnSecretsOnCommandLine(options.defines, prepared.paramSet.secrets);
  if (options.stats)
    return printStats(*prepared.graph, prepared.targets, prepared.keep, prepared.decided,
                      prepared.phases);
  frontend::Compilation& compilation = *prepared.compilation;
  std::optional<plan::PipelinePlan> pipelinePlan;
  if (prepared.pipeline) {
    pipelinePlan = plan::planPipeline(prepared);
    if (!pipelinePlan) {
      emitDiagnostics(compilation.diags(), compilation.sources(), options.diagnostics);
      return kExitProgramErrors;
    }
  }
  if (options.listHosts) return printHostList(prepared, pipelinePlan ? &*pipelinePlan : nullptr);
  // What a run would refuse before touching a host (a missing host var, a
  // relative path from a param) is refused by the plan, with its location.
  runtime::RunProgram program =
      lower::lower(prepared, pipelinePlan ? &*pipelinePlan : nullptr, {}, prepared.diags());
  if (prepared.diags().hasErrors()) {
    emitDiagnostics(prepared.diags(), prepared.sources(), options.diagnostics);
    return kExitProgramErrors;
  }
  return emitPlan(
      plan::planDocument(prepared, pipelinePlan ? &*pipelinePlan : nullptr, options.file,
                         invocationOf(options, prepared.paramSet), lower::shownCommands(program)),
      options);
}

void addPlanInputs(CLI::App& cmd, PlanOptions& options) {
  cmd.add_option("-r,--require", options.require, "Requirements of the local target (a,b)");
  cmd.add_option("-D", options.defines,
                 std::string("A param value: -D name=value; ") + plan::kDefineSyntax +
                     "; name=@env:VAR, @file:PATH or @- (stdin) keeps a secret off the command "
                     "line; -D @FILE reads a YAML or JSON file of name: value (later wins)");
  cmd.add_option("-i,--inventory", options.inventories, "An Ansible-style YAML inventory");
  cmd.add_option("--hosts", options.hosts,
                 "Targets: the hosts whose tags and vars satisfy COND (and, for a pipeline, "
                 "the hosts its stages may run on)");
  cmd.add_option("-l,--limit", options.limit,
                 "Only the hosts an Ansible host pattern matches (web*,db:&prod:!db3), for the "
                 "targets and every stage's on:");
  auto* stage =
      cmd.add_option("--stage", options.stages, "Only this stage of the pipeline (repeatable)");
  cmd.add_option("--start-at-stage", options.startAtStage,
                 "This stage of the pipeline and every later one")
      ->excludes(stage);
  cmd.add_option("--jit", options.jit, "Compile conditions with LLVM: on, off or auto")
      ->check(CLI::IsMember({"on", "off", "auto"}))
      ->capture_default_str();
}

Subcommand addPlanCommand(CLI::App& magicc) {
  struct Flags {
    PlanOptions options;
    bool json = false, dot = false;
  };
  auto flags = std::make_shared<Flags>();
  PlanOptions& options = flags->options;
  auto* cmd = magicc.add_subcommand("plan", "Show what would run, where, in what order");
  cmd->add_option("file", options.file, "The .mm program, or a saved plan .json")->required();
  cmd->add_option("pipeline", options.pipeline, "A pipeline to plan");
  addPlanInputs(*cmd, options);
  cmd->add_flag("--json", flags->json, "Print the plan as JSON");
  cmd->add_flag("--dot", flags->dot, "Print the plan as a Graphviz graph");
  cmd->add_option(
      "-o", options.output,
      "Save the plan to this file: JSON, which `magicc run FILE` runs (dot with --dot)");
  cmd->add_flag("--stats", options.stats, "Print counts, phase times and peak memory instead");
  cmd->add_flag("--list-hosts", options.listHosts,
                "Print the hosts the plan touches (per stage for a pipeline) instead");
  addDiagnosticOptions(*cmd, options.diagnostics);
  return {cmd, [flags] {
            flags->options.format = flags->json ? "json" : flags->dot ? "dot" : "text";
            // With --json, errors are JSON too (on stdout, where the plan would be).
            if (flags->json) flags->options.diagnostics.format = DiagnosticsFormat::Json;
            return runPlan(flags->options);
          }};
}

}  // namespace magicc::driver
