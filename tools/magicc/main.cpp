// magicc: the compiler and runtime driver for the magic language.
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <string>

#include "Commands.h"

namespace {

using magicc::driver::ColorMode;
using magicc::driver::DiagnosticOptions;
using magicc::driver::DiagnosticsFormat;

// Diagnostic options are read as words and mapped once parsing is done, so
// that CLI11 names the accepted words in its error message.
struct DiagnosticWords {
  std::string color = "auto";
  std::string format = "text";
};

void addDiagnosticOptions(CLI::App& cmd, DiagnosticOptions& options, DiagnosticWords& words) {
  cmd.add_option("--color", words.color, "Colour diagnostics: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd.add_option("--diagnostics-format", words.format, "Diagnostics as text or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd.add_flag("--Werror", options.warningsAsErrors, "Treat warnings as errors");
  cmd.add_option("--error-limit", options.errorLimit, "Show at most N errors (0: all)")
      ->capture_default_str();
}

void applyDiagnosticWords(const DiagnosticWords& words, DiagnosticOptions& options) {
  options.color = words.color == "always"  ? ColorMode::Always
                  : words.color == "never" ? ColorMode::Never
                                           : ColorMode::Auto;
  options.format = words.format == "json" ? DiagnosticsFormat::Json : DiagnosticsFormat::Text;
}

}  // namespace

static int realMain(int argc, char** argv) {
  namespace driver = magicc::driver;
  CLI::App app{"magicc: compile, plan and run magic programs"};
  app.name("magicc");
  app.set_version_flag("--version", std::string("magicc ") + MAGICC_VERSION);
  app.require_subcommand(0, 1);

  driver::CheckOptions check;
  auto* checkCmd = app.add_subcommand("check", "Parse and check magic files; print diagnostics");
  checkCmd->add_option("files", check.files, "The .mm files to check")->required();
  checkCmd->add_flag("--syntax-only", check.syntaxOnly, "Stop after parsing");
  DiagnosticWords checkWords;
  addDiagnosticOptions(*checkCmd, check.diagnostics, checkWords);
  // clang spells it -Werror; accept that too.
  for (int i = 1; i < argc; ++i)
    if (std::string_view(argv[i]) == "-Werror") argv[i] = const_cast<char*>("--Werror");

  driver::PlanOptions plan;
  DiagnosticWords planWords;
  bool planJson = false, planDot = false;
  auto* planCmd = app.add_subcommand("plan", "Show what would run, where, in what order");
  planCmd->add_option("file", plan.file, "The .mm program, or a saved plan .json")->required();
  planCmd->add_option("pipeline", plan.pipeline, "A pipeline to plan");
  planCmd->add_option("-r,--require", plan.require, "Requirements of the local target (a,b)");
  planCmd->add_option(
      "-D", plan.defines,
      "A param value: -D name=value; name=@env:VAR, @file:PATH or @- (stdin) keeps a "
      "secret off the command line");
  planCmd->add_option("-i,--inventory", plan.inventories, "An Ansible-style YAML inventory");
  planCmd->add_option("--hosts", plan.hosts, "Targets: the hosts whose tags and vars satisfy COND");
  planCmd->add_flag("--json", planJson, "Print the plan as JSON");
  planCmd->add_flag("--dot", planDot, "Print the plan as a Graphviz graph");
  planCmd->add_option("-o", plan.output, "Save the plan (JSON) to this file");
  planCmd->add_flag("--stats", plan.stats, "Print counts, phase times and peak memory instead");
  planCmd->add_option("--jit", plan.jit, "Compile conditions with LLVM: on, off or auto")
      ->check(CLI::IsMember({"on", "off", "auto"}))
      ->capture_default_str();
  addDiagnosticOptions(*planCmd, plan.diagnostics, planWords);

  driver::PlanOptions graph;
  DiagnosticWords graphWords;
  graph.format = "dot";
  auto* graphCmd = app.add_subcommand("graph", "Print the program's graph (dot or json)");
  graphCmd->add_option("file", graph.file, "The .mm program")->required();
  graphCmd->add_option("--format", graph.format, "dot or json")
      ->check(CLI::IsMember({"dot", "json"}));
  graphCmd->add_option("-r,--require", graph.require, "Requirements of the local target (a,b)");
  addDiagnosticOptions(*graphCmd, graph.diagnostics, graphWords);

  driver::RunOptions run;
  DiagnosticWords runWords;
  auto* runCmd = app.add_subcommand("run", "Run a program's items and resources, or a pipeline");
  runCmd->add_option("file", run.plan.file, "The .mm program, or a plan saved with plan -o")
      ->required();
  runCmd->add_option("pipeline", run.plan.pipeline, "A pipeline to run");
  runCmd->add_option("-r,--require", run.plan.require, "Requirements of the local target (a,b)");
  runCmd->add_option(
      "-D", run.plan.defines,
      "A param value: -D name=value; name=@env:VAR, @file:PATH or @- (stdin) keeps a "
      "secret off the command line");
  runCmd->add_option("-i,--inventory", run.plan.inventories, "An Ansible-style YAML inventory");
  runCmd->add_option("--hosts", run.plan.hosts,
                     "Targets: the hosts whose tags and vars satisfy COND");
  runCmd->add_option("-j,--jobs", run.jobs, "Commands at once (default: the number of cores)");
  runCmd->add_flag("--keep-going", run.keepGoing,
                   "After a failure, run what does not depend on it");
  runCmd->add_flag("--check", run.checkOnly,
                   "Dry run: run every check, apply nothing, report what would change");
  runCmd->add_option("--state", run.state,
                     "The state journal (default: .magicc/state.db beside the program)");
  runCmd->add_flag("--resume", run.resume, "Finish the program's last unfinished run");
  runCmd->add_flag("--stop-leftovers", run.stopLeftovers,
                   "With --resume: stop the commands the interrupted run left running, instead "
                   "of waiting for them to end");
  runCmd->add_flag("--json", run.json, "One JSON event per line on stdout");
  runCmd->add_flag("-v,--verbose", run.verbose, "Print each command's output under its line");
  runCmd->add_option("--ssh-config", run.sshConfig,
                     "An ssh_config file for the ssh backend (ssh -F)");
  runCmd->add_flag("--ssh-accept-new", run.sshAcceptNew, "Accept unknown host keys on first use");
  runCmd
      ->add_option("--ssh-connect-timeout", run.sshConnectTimeout,
                   "Seconds to connect to a host (default 10)")
      ->check(CLI::Range(1, 3600));
  runCmd->add_flag("--skip-unreachable", run.skipUnreachable,
                   "Run on without hosts that cannot be reached");
  runCmd
      ->add_option("--backend", run.backend,
                   "Where every host's commands run: local or ssh (default: per host, by the "
                   "inventory's ansible_connection; ssh unless it is local)")
      ->check(CLI::IsMember({"local", "ssh", "agent"}));
  runCmd->add_option("--jit", run.plan.jit, "Compile conditions with LLVM: on, off or auto")
      ->check(CLI::IsMember({"on", "off", "auto"}));
  addDiagnosticOptions(*runCmd, run.plan.diagnostics, runWords);

  std::string importFile;
  auto* importCmd = app.add_subcommand("import", "Translate make-magic item JSON to magic");
  importCmd->add_option("file", importFile, "make-magic items (JSON)")->required();

  auto* helpCmd = app.add_subcommand("help", "Show this help");

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return driver::kExitUsage;
  }

  if (importCmd->parsed()) return driver::runImport(importFile);
  if (runCmd->parsed()) {
    applyDiagnosticWords(runWords, run.plan.diagnostics);
    return driver::runRun(run);
  }
  if (planCmd->parsed()) {
    applyDiagnosticWords(planWords, plan.diagnostics);
    plan.format = planJson ? "json" : planDot ? "dot" : "text";
    return driver::runPlan(plan);
  }
  if (graphCmd->parsed()) {
    applyDiagnosticWords(graphWords, graph.diagnostics);
    return driver::runPlan(graph);
  }
  if (checkCmd->parsed()) {
    applyDiagnosticWords(checkWords, check.diagnostics);
    return driver::runCheck(check);
  }
  // help() would follow the selected subcommand; format the top-level help.
  std::string help = app.get_formatter()->make_help(&app, "magicc", CLI::AppFormatMode::Normal);
  if (helpCmd->parsed()) {
    std::fputs(help.c_str(), stdout);
    return driver::kExitOk;
  }
  std::fputs(help.c_str(), stderr);  // no subcommand: a usage error
  return driver::kExitUsage;
}

// Bad input never crashes magicc: anything that escaped is reported, exit 2.
int main(int argc, char** argv) {
  // A file size limit makes writes fail (EFBIG), reported like any write
  // error, instead of killing magicc half-way through a file.
  std::signal(SIGXFSZ, SIG_IGN);
  try {
    return realMain(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "magicc: error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "magicc: error: an unexpected failure\n");
  }
  return 2;
}
