// magicc run: the command line's wiring. Plan (again from the resumed run's
// invocation), lower, and hand the program to a runtime::Session, which
// journals, connects, runs and says what happens; the Reporter prints it.
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>

#include "Commands.h"
#include "Invocation.h"
#include "PreparedPlan.h"
#include "RunReport.h"
#include "backends/AgentDiscovery.h"
#include "backends/MakeBackend.h"
#include "engine/CoreDumps.h"
#include "frontend/Compilation.h"
#include "lower/Lower.h"
#include "lower/Routes.h"
#include "plan/DefineValue.h"
#include "plan/PlanFile.h"
#include "plan/SavedPlan.h"
#include "plan/VarsFile.h"
#include "session/Session.h"
#include "store/StateFiles.h"

namespace magicc::driver {

namespace {

namespace fs = std::filesystem;

// magicc run's own options.
struct RunOptions {
  PlanOptions plan;   // what to run: the same inputs as plan
  unsigned jobs = 0;  // -j: commands at once (0: the number of cores)
  bool keepGoing = false;
  std::string backend;  // local, ssh or agent for every host; empty: per host (ansible_connection)
  bool checkOnly = false;      // --check: checks only, nothing applied or created
  bool diff = false;           // --diff: unified diffs of the file resources that change
  std::string state;           // --state: the journal (default .magicc/STEM.db beside the program)
  bool resume = false;         // --resume: finish the last unfinished run
  bool stopLeftovers = false;  // --resume: stop what the killed run left running, not wait
  bool json = false;           // --json: NDJSON events
  bool verbose = false;        // -v: each command's output
  std::string sshConfig;       // --ssh-config: ssh -F
  bool sshAcceptNew = false;   // --ssh-accept-new: accept unknown host keys on first use
  int sshConnectTimeout = 10;
  bool skipUnreachable = false;
  runtime::AgentOptions agent;  // --agent-token-file, --agent-ca, --agent-cert, --agent-key
  bool discover = false;        // --discover: select hosts by what their agents report now
  std::string logFile;          // --log-file: the whole run, appended, with times
  Reporter* log = nullptr;      // that log while the run is under way
};

// An error that ends the run before it starts: text, or with --json one
// JSON line on stdout like the events.
int error(const RunOptions& options, const std::string& text, int code) {
  if (options.log) options.log->write("magicc: error: " + text);
  if (options.json) {
    std::string line = nlohmann::json{{"event", "error"}, {"message", text}, {"exit", code}}.dump(
                           -1, ' ', false, nlohmann::json::error_handler_t::replace) +
                       "\n";
    std::fwrite(line.data(), 1, line.size(), stdout);
  } else {
    std::fprintf(stderr, "magicc: error: %s\n", text.c_str());
  }
  return code;
}

std::string absolute(const std::string& path) {
  std::error_code ec;
  auto p = fs::absolute(path, ec);
  return ec ? path : p.lexically_normal().string();
}

// What the session needs of the command line; `file` is the program.
runtime::SessionOptions sessionOptionsOf(const RunOptions& options, const std::string& file) {
  runtime::SessionOptions out;
  out.program = absolute(file);
  // The secret store and audit log beside the journal are shared.
  out.statePath = options.state.empty() ? store::defaultJournalPath(out.program) : options.state;
  out.checkOnly = options.checkOnly;
  out.diff = options.diff;
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

// --discover: asks every inventory host's agent for its tags and facts,
// which the plan then selects hosts by.
int discover(boost::asio::io_context& io, const RunOptions& options, const std::string& backend,
             const PreparedPlan& prepared, PlanOptions& planOptions) {
  std::map<std::string, runtime::AgentHost> agents;
  for (const auto& route : lower::inventoryRoutes(prepared, backend))
    if (route.connection == "agent") agents[route.name] = {route.name, route.agentUrl};
  if (agents.empty())
    return error(options,
                 "--discover asks the hosts' agents, and no inventory host is reached through one "
                 "(ansible_connection: magicc_agent, or --backend agent)",
                 kExitUsage);
  std::map<std::string, runtime::AgentFacts> found;
  try {
    found = runtime::discoverAgents(io, agents, options.agent);
  } catch (const std::exception& e) {
    return error(options, e.what(), kExitUsage);
  }
  std::size_t failed = 0;
  for (const auto& [host, facts] : found) {
    if (!facts.error.empty()) {
      ++failed;
      std::fprintf(stderr, "magicc: %s: %s: %s\n", options.skipUnreachable ? "warning" : "error",
                   host.c_str(), facts.error.c_str());
      continue;
    }
    planOptions.discovered[host] = {facts.tags, facts.vars};
  }
  if (failed && !options.skipUnreachable)
    return error(options,
                 fmt::format("{} of {} agents cannot be asked; nothing was run "
                             "(--skip-unreachable runs on without them)",
                             failed, found.size()),
                 kExitProgramErrors);
  return kExitOk;
}

// What on the command line would make a saved plan something else; empty
// when nothing does. Only its secret params, never saved, are given again.
std::string optionsChangingPlan(const RunOptions& options, const plan::SavedPlan& saved) {
  const PlanOptions& given = options.plan;
  if (!given.pipeline.empty()) return "takes no pipeline name";
  if (!given.inventories.empty()) return "takes no -i";
  if (!given.hosts.empty()) return "takes no --hosts";
  if (!given.limit.empty()) return "takes no --limit";
  if (!given.stages.empty() || !given.startAtStage.empty())
    return "takes no --stage or --start-at-stage";
  if (!given.require.empty()) return "takes no -r";
  if (options.discover) return "takes no --discover";
  // A vars file may give secrets again; a value of another param it gives
  // is compared with the plan's like any input (plan::savedPlanDiffers).
  for (const auto& define : given.defines)
    if (std::string name = plan::defineName(define);
        !plan::isVarsFileDefine(define) && !saved.takesDefine(name))
      return "takes -D only for its secret params ('" + name + "' is not one)";
  return "";
}

int runRunLogged(const RunOptions& options);

// --log-file: the run as -v prints it, every line timed, failures' output
// whole, appended to FILE (made 0600: it holds commands' output), between
// a line that says what ran and one with the exit status. Redacted like
// everything printed.
int runRun(const RunOptions& options) {
  if (options.logFile.empty()) return runRunLogged(options);
  int fd = ::open(options.logFile.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  std::FILE* file = fd < 0 ? nullptr : ::fdopen(fd, "a");
  if (!file) {
    if (fd >= 0) ::close(fd);
    return error(
        options,
        fmt::format("cannot open the log file {}: {}", options.logFile, std::strerror(errno)),
        kExitUsage);
  }
  Reporter log(OutputMode::Lines, file, file);
  log.setVerbose(true);
  log.setLogStyle(true);
  RunOptions logged = options;
  logged.log = &log;
  logged.plan.diagnostics.alsoLog = [&log](const std::string& text) { log.write(text); };
  std::string what = options.plan.file;
  if (!options.plan.pipeline.empty()) what += " " + options.plan.pipeline;
  log.write(fmt::format("magicc {} run {}{}{} (pid {})", MAGICC_VERSION, what,
                        options.checkOnly ? " --check" : "", options.resume ? " --resume" : "",
                        ::getpid()));
  int code = runRunLogged(logged);
  // The session, and its redactor, are gone; nothing secret is left to say.
  runtime::Redactor none;
  log.setRedactor(none);
  log.write(fmt::format("magicc run ended: exit status {}", code));
  std::fclose(file);
  return code;
}

int runRunLogged(const RunOptions& options) {
  // A command that stops reading its input must not take magicc down.
  std::signal(SIGPIPE, SIG_IGN);
  runtime::keepOutOfCoreDumps();
  if (options.resume && options.checkOnly)
    return error(options, "--resume and --check do not go together", kExitUsage);
  if (options.resume && (!options.plan.stages.empty() || !options.plan.startAtStage.empty()))
    return error(options,
                 "--resume runs the stages the run began with; it takes no --stage or "
                 "--start-at-stage",
                 kExitUsage);

  // What to plan: the command line, a saved plan's invocation, or the run being resumed.
  PlanOptions planOptions = options.plan;
  std::optional<plan::SavedPlan> saved;
  if (plan::isPlanFile(options.plan.file)) {
    if (options.resume) return error(options, "--resume takes the program, not a plan", kExitUsage);
    plan::SavedPlanRead read = plan::readSavedPlan(options.plan.file);
    if (!read.plan) {
      if (!read.located) return error(options, read.error, kExitUsage);
      std::fprintf(stderr, "%s: error: %s\n", options.plan.file.c_str(), read.error.c_str());
      return kExitUsage;
    }
    if (std::string why = optionsChangingPlan(options, *read.plan); !why.empty())
      return error(options,
                   fmt::format("{}: a saved plan runs as it was planned and {}; to change it, "
                               "make the plan again (magicc plan -o)",
                               options.plan.file, why),
                   kExitUsage);
    saved = std::move(read.plan);
    planOptions = planOptionsFrom(saved->doc.at("invocation"));
    // Secret params are never saved: they come again from -D (or the prompt).
    for (const auto& d : options.plan.defines) planOptions.defines.push_back(d);
    planOptions.diagnostics = options.plan.diagnostics;
  }
  // Like ansible-playbook --list-hosts: what the run would touch, planned as
  // `plan` plans it; no journal is opened and nothing runs.
  if (options.plan.listHosts && !options.resume) {
    planOptions.listHosts = true;
    return runPlan(planOptions);
  }
  runtime::SessionOptions sessionOptions = sessionOptionsOf(options, planOptions.file);
  boost::asio::io_context io;
  Reporter reporter(outputModeOf(options));
  reporter.setVerbose(options.verbose);
  std::vector<runtime::EventSink*> sinks = {&reporter};
  if (options.log) sinks.push_back(options.log);
  EventTee events(sinks);
  runtime::Session session(io, sessionOptions, events);
  reporter.setRedactor(session.redactor());
  if (options.log) options.log->setRedactor(session.redactor());
  if (auto opened = session.open(); !opened.ok())
    return error(options, opened.error, opened.exitCode);

  const std::optional<runtime::ResumableRun>& resumed = session.resumable();
  std::string backendChoice = options.backend;
  if (resumed) {
    try {
      plan::Json invocation = plan::Json::parse(resumed->invocation);
      planOptions = planOptionsFrom(invocation);
      // A resumed run goes the way it went.
      if (backendChoice.empty()) backendChoice = invocation.value("backend", "");
    } catch (const std::exception& e) {
      return error(options, e.what(), kExitUsage);
    }
    planOptions.diagnostics = options.plan.diagnostics;
    // Secret params of the run were kept sealed.
    for (const auto& d : options.plan.defines) planOptions.defines.push_back(d);
    for (const auto& [name, value] : resumed->secretParams)
      planOptions.defines.push_back(name + "=" + plan::literalDefineValue(value));
  }

  PreparedPlan prepared;
  if (int code = preparePlan(planOptions, prepared); code != kExitOk) return code;
  // A resumed run or a saved plan selects what it selected when it began.
  if (options.discover && !resumed && !saved) {
    if (int code = discover(io, options, backendChoice, prepared, planOptions); code != kExitOk)
      return code;
    if (int code = preparePlan(planOptions, prepared); code != kExitOk) return code;
  }
  warnSecretsOnCommandLine(options.plan.defines, prepared.paramSet.secrets);
  std::string hash = prepared.compilation->sourceHash(*prepared.program);
  if (resumed && resumed->sourceHash != hash)
    return error(
        options,
        fmt::format("{} changed since run {} started; --resume only finishes the same program "
                    "(run it without --resume to start again)",
                    planOptions.file, resumed->runId),
        kExitProgramErrors);

  std::optional<plan::PipelinePlan> pipelinePlan;
  if (prepared.pipeline) {
    pipelinePlan = plan::planPipeline(prepared);
    if (!pipelinePlan) {
      emitDiagnostics(prepared.compilation->diags(), prepared.compilation->sources(),
                      planOptions.diagnostics);
      return kExitProgramErrors;
    }
  }
  // Like ansible-playbook --list-hosts: what would be touched, and no run.
  if (options.plan.listHosts)
    return printHostList(prepared, pipelinePlan ? &*pipelinePlan : nullptr);
  if (saved)
    if (std::string why = plan::savedPlanDiffers(*saved, options.plan.file, prepared,
                                                 pipelinePlan ? &*pipelinePlan : nullptr);
        !why.empty())
      return error(options, why, kExitProgramErrors);

  if (auto settled = session.settleLeftovers(); !settled.ok())
    return error(options, settled.error, settled.exitCode);
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
  std::vector<runtime::HostRoute> routes =
      lower::routesOf(prepared, pipelinePlan ? &*pipelinePlan : nullptr, backendChoice);
  std::vector<std::string> hosts;
  for (const auto& route : routes) hosts.push_back(route.name);
  runtime::BackendOptions backendOptions;
  backendOptions.local = localOptions;
  backendOptions.ssh.configFile = options.sshConfig;
  backendOptions.ssh.acceptNew = options.sshAcceptNew;
  backendOptions.ssh.connectTimeout = options.sshConnectTimeout;
  backendOptions.agent = options.agent;
  backendOptions.agent.secrets = [&session] { return session.redactor().secrets(); };
  std::unique_ptr<runtime::Backend> backendOwner;
  try {
    backendOwner = runtime::makeBackend(io, routes, backendOptions);
  } catch (const std::exception& e) {
    return error(options, e.what(), kExitUsage);
  }
  runtime::Backend& backend = *backendOwner;
  runtime::ConnectResult reach = session.connect(backend, hosts);
  if (!reach.ok())
    return reach.error.empty() ? reach.exitCode : error(options, reach.error, reach.exitCode);

  runtime::RunProgram run = lower::lower(prepared, pipelinePlan ? &*pipelinePlan : nullptr,
                                         reach.unreachable, prepared.diags(), &routes);
  if (prepared.diags().hasErrors()) {
    // Before anything runs: a half-configured command is worse than none.
    emitDiagnostics(prepared.diags(), prepared.sources(), planOptions.diagnostics);
    return kExitProgramErrors;
  }
  reporter.setProgram(&run);
  if (options.log) options.log->setProgram(&run);
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
  if (!result.error.empty()) return error(options, result.error, result.exitCode);
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
  cmd->add_flag("--list-hosts", run.plan.listHosts,
                "Print the hosts the run would touch (per stage for a pipeline) and exit, "
                "running nothing");
  cmd->add_option("-j,--jobs", run.jobs,
                  "Commands at once, at least 1 (default: the number of cores)")
      ->check(CLI::Range(1u, 100000u));
  cmd->add_flag("--keep-going", run.keepGoing, "After a failure, run what does not depend on it");
  cmd->add_flag("--check", run.checkOnly,
                "Dry run: run every check, apply nothing, report what would change");
  cmd->add_flag("--diff", run.diff,
                "Show a unified diff of each file resource that changes (with --check: "
                "would change); secret content is never shown");
  cmd->add_option("--state", run.state,
                  "The state journal (default: .magicc/NAME.db beside the program NAME.mm)");
  cmd->add_flag("--resume", run.resume, "Finish the program's last unfinished run");
  cmd->add_flag("--stop-leftovers", run.stopLeftovers,
                "With --resume: stop the commands the interrupted run left running, instead "
                "of waiting for them to end");
  cmd->add_flag("--json", run.json, "One JSON event per line on stdout");
  cmd->add_flag("-v,--verbose", run.verbose, "Print each command's output under its line");
  cmd->add_option("--log-file", run.logFile,
                  "Append the whole run to FILE: every line with its time, each command's "
                  "output (redacted)");
  cmd->add_option("--ssh-config", run.sshConfig, "An ssh_config file for the ssh backend (ssh -F)");
  cmd->add_flag("--ssh-accept-new", run.sshAcceptNew, "Accept unknown host keys on first use");
  cmd->add_option("--ssh-connect-timeout", run.sshConnectTimeout,
                  "Seconds to connect to a host (default 10)")
      ->check(CLI::Range(1, 3600));
  cmd->add_flag("--skip-unreachable", run.skipUnreachable,
                "Run on without hosts that cannot be reached");
  cmd->add_option("--backend", run.backend,
                  "Where every host's commands run: local, ssh or agent (default: per host, by "
                  "the inventory's ansible_connection: local, magicc_agent, else ssh)")
      ->check(CLI::IsMember({"local", "ssh", "agent"}));
  cmd->add_option("--agent-token-file", run.agent.tokenFile,
                  "The token for hosts reached through their agent (its first line's)");
  cmd->add_option("--agent-ca", run.agent.caFile,
                  "The CA that signed the agents' certificates (https; default: the system's)");
  cmd->add_option("--agent-cert", run.agent.certificateFile,
                  "A client certificate for agents that ask for one (mutual TLS)");
  cmd->add_option("--agent-key", run.agent.keyFile, "The key of --agent-cert");
  cmd->add_flag("--discover", run.discover,
                "Ask the hosts' agents for their tags and facts first, and select hosts by "
                "them too");
  addDiagnosticOptions(*cmd, run.plan.diagnostics);
  return {cmd, [options] {
            if (options->json) {  // errors are JSON lines too, among the events
              options->plan.diagnostics.format = DiagnosticsFormat::Json;
              options->plan.diagnostics.eventLine = true;
            }
            return runRun(*options);
          }};
}

}  // namespace magicc::driver
