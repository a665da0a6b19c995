// magicc run: the command line's wiring. Plan (again from the resumed run's
// invocation), lower, and hand the program to a runtime::Session, which
// journals, connects, runs and says what happens; the Reporter prints it.
#include <fmt/format.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>

#include "Commands.h"
#include "Invocation.h"
#include "PreparedPlan.h"
#include "RunJobs.h"
#include "RunReport.h"
#include "backends/LocalBackend.h"
#include "backends/RoutingBackend.h"
#include "backends/SshBackend.h"
#include "engine/CoreDumps.h"
#include "frontend/Compilation.h"
#include "plan/DefineValue.h"
#include "plan/PlanFile.h"
#include "session/Session.h"

namespace magicc::driver {

namespace {

namespace fs = std::filesystem;

// magicc run's own options.
struct RunOptions {
  PlanOptions plan;   // what to run: the same inputs as plan
  unsigned jobs = 0;  // -j: commands at once (0: the number of cores)
  bool keepGoing = false;
  std::string backend;         // local or ssh for every host; empty: per host (ansible_connection)
  bool checkOnly = false;      // --check: checks only, nothing applied or created
  std::string state;           // --state: the journal (default .magicc/state.db beside the program)
  bool resume = false;         // --resume: finish the last unfinished run
  bool stopLeftovers = false;  // --resume: stop what the killed run left running, not wait
  bool json = false;           // --json: NDJSON events
  bool verbose = false;        // -v: each command's output
  std::string sshConfig;       // --ssh-config: ssh -F
  bool sshAcceptNew = false;   // --ssh-accept-new: accept unknown host keys on first use
  int sshConnectTimeout = 10;
  bool skipUnreachable = false;
};

int error(const std::string& text, int code) {
  std::fprintf(stderr, "magicc: error: %s\n", text.c_str());
  return code;
}

std::string absolute(const std::string& path) {
  std::error_code ec;
  auto p = fs::absolute(path, ec);
  return ec ? path : p.lexically_normal().string();
}

// A saved plan: what it was made from, checked against the program now.
struct SavedPlan {
  plan::Json doc;
  PlanOptions options;
};

std::optional<SavedPlan> loadSavedPlan(const std::string& path, const RunOptions& run) {
  // Untrusted: nesting bounded (a 100k-deep document overflowed the stack in
  // the copy and compare below) and every field checked (plan/PlanFile.h).
  plan::PlanFile file = plan::readPlanFile(path);
  if (file.unreadable) {
    error(file.error, kExitUsage);
    return std::nullopt;
  }
  if (!file.doc) {
    std::fprintf(stderr, "%s: error: %s\n", path.c_str(), file.error.c_str());
    return std::nullopt;
  }
  SavedPlan saved;
  saved.doc = std::move(*file.doc);
  try {
    if (!saved.doc.contains("invocation") || !saved.doc.contains("source_hash") ||
        !saved.doc.at("source_hash").is_string() || !saved.doc.contains("targets") ||
        !saved.doc.at("targets").is_array())
      throw std::runtime_error("no invocation");
    saved.options = planOptionsFrom(saved.doc.at("invocation"));
  } catch (const std::exception&) {
    error(fmt::format("'{}' is not a plan magicc can run (make it with magicc plan -o)", path),
          kExitUsage);
    return std::nullopt;
  }
  // Secret params are never saved: they come again from -D (or the prompt).
  for (const auto& d : run.plan.defines) saved.options.defines.push_back(d);
  saved.options.diagnostics = run.plan.diagnostics;
  return saved;
}

// The hosts a run touches: its targets, or the hosts of the pipeline's tasks.
std::vector<std::string> hostsOf(const PreparedPlan& prepared, const plan::Json* pipelineDoc) {
  std::vector<std::string> hosts;
  auto add = [&](const std::string& h) {
    if (h != "local" && std::find(hosts.begin(), hosts.end(), h) == hosts.end()) hosts.push_back(h);
  };
  if (pipelineDoc) {
    for (const auto& stage : pipelineDoc->at("stages"))
      for (const auto& task : stage.at("tasks")) add(task.at("host").get<std::string>());
  } else {
    for (const auto& t : prepared.targets) add(t.name);
  }
  return hosts;
}

std::unique_ptr<runtime::SshBackend> makeSshBackend(boost::asio::io_context& io,
                                                    const runtime::LocalOptions& local,
                                                    const RunOptions& options,
                                                    const inventory::Inventory& inventory) {
  std::map<std::string, runtime::SshHost> hosts;
  for (const auto& [name, h] : inventory.hosts)
    hosts[name] = runtime::SshHost{name, h.address, h.port, h.user, h.identityFile};
  runtime::SshOptions ssh;
  ssh.configFile = options.sshConfig;
  ssh.acceptNew = options.sshAcceptNew;
  ssh.connectTimeout = options.sshConnectTimeout;
  return std::make_unique<runtime::SshBackend>(io, local, ssh, std::move(hosts));
}

// Whether a host runs on this machine: `ansible_connection: local` (a
// `host` declaration says so in its vars). Every other host is remote.
bool connectsLocally(const inventory::Inventory& inventory, const std::string& name) {
  auto it = inventory.hosts.find(name);
  if (it == inventory.hosts.end()) return name == "local";
  auto var = it->second.vars.find("ansible_connection");
  return it->second.connection == "local" ||
         (var != it->second.vars.end() && var->second == "local");
}

// What the session needs of the command line; `file` is the program.
runtime::SessionOptions sessionOptionsOf(const RunOptions& options, const std::string& file) {
  runtime::SessionOptions out;
  out.program = absolute(file);
  out.statePath = options.state.empty()
                      ? (fs::path(out.program).parent_path() / ".magicc" / "state.db").string()
                      : options.state;
  out.checkOnly = options.checkOnly;
  out.resume = options.resume;
  out.stopLeftovers = options.stopLeftovers;
  out.skipUnreachable = options.skipUnreachable;
  out.keepGoing = options.keepGoing;
  out.jobs = options.jobs;
  return out;
}

// NDJSON with --json; a status line on a terminal; else one line per event.
OutputMode outputModeOf(const RunOptions& options) {
  if (options.json) return OutputMode::Json;
  const char* term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) && term && std::string(term) != "dumb" ? OutputMode::Status
                                                                      : OutputMode::Lines;
}

int runRun(const RunOptions& options) {
  if (!options.backend.empty() && options.backend != "local" && options.backend != "ssh")
    return error(fmt::format("the {} backend is not implemented yet; use --backend local or ssh",
                             options.backend),
                 kExitUsage);
  // A command that stops reading its input must not take magicc down.
  std::signal(SIGPIPE, SIG_IGN);
  runtime::keepOutOfCoreDumps();
  if (options.resume && options.checkOnly)
    return error("--resume and --check do not go together", kExitUsage);

  // What to plan: the command line, a saved plan's invocation, or the run being resumed.
  PlanOptions planOptions = options.plan;
  std::optional<SavedPlan> saved;
  bool fromPlanFile = options.plan.file.size() > 5 &&
                      options.plan.file.compare(options.plan.file.size() - 5, 5, ".json") == 0;
  if (fromPlanFile) {
    if (options.resume) return error("--resume takes the program, not a plan", kExitUsage);
    saved = loadSavedPlan(options.plan.file, options);
    if (!saved) return kExitUsage;
    planOptions = saved->options;
  }
  runtime::SessionOptions sessionOptions = sessionOptionsOf(options, planOptions.file);
  boost::asio::io_context io;
  Reporter reporter(outputModeOf(options));
  reporter.setVerbose(options.verbose);
  runtime::Session session(io, sessionOptions, reporter);
  reporter.setRedactor(session.redactor());
  if (auto opened = session.open(); !opened.ok()) return error(opened.error, opened.exitCode);

  const std::optional<runtime::ResumableRun>& resumed = session.resumable();
  std::string backendChoice = options.backend;
  if (resumed) {
    try {
      plan::Json invocation = plan::Json::parse(resumed->invocation);
      planOptions = planOptionsFrom(invocation);
      // A resumed run goes the way it went.
      if (backendChoice.empty()) backendChoice = invocation.value("backend", "");
    } catch (const std::exception& e) {
      return error(e.what(), kExitUsage);
    }
    planOptions.diagnostics = options.plan.diagnostics;
    // Secret params of the run were kept sealed.
    for (const auto& d : options.plan.defines) planOptions.defines.push_back(d);
    for (const auto& [name, value] : resumed->secretParams)
      planOptions.defines.push_back(name + "=" + plan::literalDefineValue(value));
  }

  PreparedPlan prepared;
  if (int code = preparePlan(planOptions, prepared); code != kExitOk) return code;
  warnSecretsOnCommandLine(options.plan.defines, prepared.paramSet.secrets);
  std::string hash = prepared.compilation->sourceHash(*prepared.program);
  if (saved && saved->doc.at("source_hash") != hash)
    return error(
        fmt::format("{} was planned from a different version of {} (source hash {}, now {}); "
                    "make the plan again",
                    options.plan.file, planOptions.file,
                    saved->doc.at("source_hash").get<std::string>(), hash),
        kExitProgramErrors);
  if (resumed && resumed->sourceHash != hash)
    return error(
        fmt::format("{} changed since run {} started; --resume only finishes the same program "
                    "(run it without --resume to start again)",
                    planOptions.file, resumed->runId),
        kExitProgramErrors);

  std::optional<plan::PipelinePlan> pipelinePlan;
  std::optional<plan::Json> pipelineDoc;
  if (prepared.pipeline) {
    pipelinePlan = plan::planPipeline(*prepared.pipeline, prepared.inventory, prepared.paramSet,
                                      prepared.graph->names, prepared.compilation->sources(),
                                      prepared.compilation->diags());
    if (!pipelinePlan) {
      emitDiagnostics(prepared.compilation->diags(), prepared.compilation->sources(),
                      planOptions.diagnostics);
      return kExitProgramErrors;
    }
    pipelineDoc = plan::toJson(*pipelinePlan);
  }
  if (saved) {
    // Exactly that plan: the same targets and stages, or nothing runs.
    plan::Json now = plan::planTargets(*prepared.graph, prepared.targets, prepared.keep);
    bool same = now == saved->doc.at("targets") &&
                (!pipelineDoc ||
                 (saved->doc.contains("pipeline") && *pipelineDoc == saved->doc.at("pipeline")));
    if (!same)
      return error(
          fmt::format("{} no longer matches what the program and inventory give (targets or stages "
                      "changed); make the plan again",
                      options.plan.file),
          kExitProgramErrors);
  }

  if (auto settled = session.settleLeftovers(); !settled.ok())
    return error(settled.error, settled.exitCode);
  runtime::LocalOptions localOptions;
  if (!options.checkOnly)
    localOptions.spawned = [&session](const runtime::CommandSpec& spec, int pgid) {
      session.recordProcess(spec.host, spec.node, pgid);
    };
  // Signals are ours from here on (preflight included), so that Ctrl-C
  // always ends with the masters closed: the first stops starting, later
  // ones kill.
  boost::asio::signal_set interrupts(io, SIGINT, SIGTERM);
  std::function<void()> watch = [&] {
    interrupts.async_wait([&](const boost::system::error_code& ec, int) {
      if (ec) return;
      session.cancel();
      watch();
    });
  };
  watch();
  // Routing is per host, as Ansible's ansible_connection says (ssh unless
  // `local`); --backend sends every host one way.
  std::vector<std::string> hosts = hostsOf(prepared, pipelineDoc ? &*pipelineDoc : nullptr);
  std::map<std::string, std::string> routes;
  for (const auto& h : hosts)
    routes[h] = backendChoice == "local" ||
                        (backendChoice.empty() && connectsLocally(prepared.inventory, h))
                    ? "local"
                    : "ssh";
  std::map<std::string, std::unique_ptr<runtime::Backend>> connections;
  connections["local"] = std::make_unique<runtime::LocalBackend>(io, localOptions);
  if (std::any_of(routes.begin(), routes.end(), [](const auto& r) { return r.second == "ssh"; })) {
    try {
      connections["ssh"] = makeSshBackend(io, localOptions, options, prepared.inventory);
    } catch (const std::exception& e) {
      return error(e.what(), kExitUsage);
    }
  }
  runtime::RoutingBackend backend(io, std::move(connections), std::move(routes));
  runtime::ConnectResult reach = session.connect(backend, hosts);
  if (!reach.ok()) return reach.error.empty() ? reach.exitCode : error(reach.error, reach.exitCode);

  RunProgram run = lower::lower(prepared, pipelinePlan ? &*pipelinePlan : nullptr,
                                reach.unreachable, prepared.diags());
  if (prepared.diags().hasErrors()) {
    // Before anything runs: a half-configured command is worse than none.
    emitDiagnostics(prepared.diags(), prepared.sources(), planOptions.diagnostics);
    return kExitProgramErrors;
  }
  reporter.setProgram(&run);
  runtime::RunRequest request;
  request.sourceHash = hash;
  if (!resumed) {
    request.invocation = invocationOf(planOptions, prepared.paramSet);
    request.invocation["secret_params"] = prepared.paramSet.secrets;
    request.invocation["backend"] = backendChoice;
    for (const auto& name : prepared.paramSet.secrets)
      if (auto it = prepared.paramSet.values.find(name); it != prepared.paramSet.values.end())
        request.secretParams.emplace_back(name, it->second);
  }
  runtime::RunResult result = session.run(backend, run, std::move(request));
  interrupts.cancel();
  if (!result.error.empty()) return error(result.error, result.exitCode);
  return result.exitCode;
}

}  // namespace

Subcommand addRunCommand(CLI::App& magicc) {
  auto options = std::make_shared<RunOptions>();
  RunOptions& run = *options;
  auto* cmd = magicc.add_subcommand("run", "Run a program's items and resources, or a pipeline");
  cmd->add_option("file", run.plan.file, "The .mm program, or a plan saved with plan -o")
      ->required();
  cmd->add_option("pipeline", run.plan.pipeline, "A pipeline to run");
  addPlanInputs(*cmd, run.plan);
  cmd->add_option("-j,--jobs", run.jobs, "Commands at once (default: the number of cores)");
  cmd->add_flag("--keep-going", run.keepGoing, "After a failure, run what does not depend on it");
  cmd->add_flag("--check", run.checkOnly,
                "Dry run: run every check, apply nothing, report what would change");
  cmd->add_option("--state", run.state,
                  "The state journal (default: .magicc/state.db beside the program)");
  cmd->add_flag("--resume", run.resume, "Finish the program's last unfinished run");
  cmd->add_flag("--stop-leftovers", run.stopLeftovers,
                "With --resume: stop the commands the interrupted run left running, instead "
                "of waiting for them to end");
  cmd->add_flag("--json", run.json, "One JSON event per line on stdout");
  cmd->add_flag("-v,--verbose", run.verbose, "Print each command's output under its line");
  cmd->add_option("--ssh-config", run.sshConfig, "An ssh_config file for the ssh backend (ssh -F)");
  cmd->add_flag("--ssh-accept-new", run.sshAcceptNew, "Accept unknown host keys on first use");
  cmd->add_option("--ssh-connect-timeout", run.sshConnectTimeout,
                  "Seconds to connect to a host (default 10)")
      ->check(CLI::Range(1, 3600));
  cmd->add_flag("--skip-unreachable", run.skipUnreachable,
                "Run on without hosts that cannot be reached");
  cmd->add_option("--backend", run.backend,
                  "Where every host's commands run: local or ssh (default: per host, by the "
                  "inventory's ansible_connection; ssh unless it is local)")
      ->check(CLI::IsMember({"local", "ssh", "agent"}));
  addDiagnosticOptions(*cmd, run.plan.diagnostics);
  return {cmd, [options] { return runRun(*options); }};
}

}  // namespace magicc::driver
