// magicc run: plan, then run on the engine: items and resources per target,
// or a pipeline's stages; every transition journaled, every action audited.
#include <fmt/format.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <thread>

#include "Commands.h"
#include "Invocation.h"
#include "PreparedPlan.h"
#include "RunJobs.h"
#include "RunReport.h"
#include "backends/Leftovers.h"
#include "backends/LocalBackend.h"
#include "backends/RoutingBackend.h"
#include "backends/SshBackend.h"
#include "engine/CoreDumps.h"
#include "engine/Engine.h"
#include "frontend/Compilation.h"
#include "plan/DefineValue.h"
#include "plan/PlanFile.h"
#include "resources/OutputMemory.h"
#include "resources/ResourceRunner.h"
#include "store/AuditLog.h"
#include "store/Journal.h"
#include "store/SecretStore.h"

namespace magicc::driver {

namespace {

namespace fs = std::filesystem;

std::string newRunId() {
  std::random_device rd;
  return fmt::format("{:08x}{:08x}", rd(), rd());
}

int error(const std::string& text, int code) {
  std::fprintf(stderr, "magicc: error: %s\n", text.c_str());
  return code;
}

std::string absolute(const std::string& path) {
  std::error_code ec;
  auto p = fs::absolute(path, ec);
  return ec ? path : p.lexically_normal().string();
}

// Journals every transition; secret outputs go to the secret store instead.
class JournalRecorder final : public runtime::Observer {
 public:
  JournalRecorder(store::Journal& journal, store::SecretStore* secrets, const RunProgram& program,
                  const runtime::Redactor& redactor, std::string runId)
      : journal_(journal),
        secrets_(secrets),
        program_(program),
        redactor_(redactor),
        runId_(std::move(runId)) {}

  void started(std::uint32_t j, int attempt) override {
    attempts_[j] = attempt;
    // A milestone acts on nothing: its COMPLETE is its only transition.
    if (!program_.jobs[j].runs()) return;
    journal_.transition(j, runtime::State::InProgress, attempt, false, "");
  }
  void retrying(std::uint32_t j, int attempt, const runtime::CommandResult& r) override {
    journal_.transition(j, runtime::State::Incomplete, attempt, false,
                        redactor_.redact("retry: " + describe(r)));
  }
  void finished(std::uint32_t j, runtime::State state, const runtime::CommandResult* r) override {
    bool changed = r && r->changed;
    std::string detail;
    if (r) detail = state == runtime::State::Failed ? describe(*r) : r->action;
    if (state == runtime::State::Skipped) detail = "a dependency failed";
    // Sealed outputs first: a COMPLETE in the journal must find them on --resume.
    if (r && !r->outs.empty() && state == runtime::State::Complete) sealOutputs(j, *r);
    journal_.transition(j, state, attempts_.count(j) ? attempts_[j] : 0, changed,
                        redactor_.redact(detail));
  }
  void sealOutputs(std::uint32_t j, const runtime::CommandResult& result) {
    const runtime::CommandResult* r = &result;
    const runtime::Job& job = program_.jobs[j];
    runtime::Values plain;
    for (const auto& [name, value] : r->outs) {
      bool secret = job.resource >= 0 && isSecret(program_.resources[job.resource], name);
      if (!secret) {
        plain.emplace_back(name, redactor_.redact(value));
      } else if (secrets_) {
        secrets_->put(fmt::format("out/{}/{}/{}", runId_, j, name), value);
      }
    }
    journal_.recordOuts(j, plain);
  }
  void flush() override { journal_.flush(); }

  static std::string describe(const runtime::CommandResult& r) {
    return runtime::describeFailure(r);
  }
  static bool isSecret(const runtime::ResourceSpec& spec, const std::string& name) {
    return std::find(spec.secretOutputs.begin(), spec.secretOutputs.end(), name) !=
           spec.secretOutputs.end();
  }

 private:
  store::Journal& journal_;
  store::SecretStore* secrets_;
  const RunProgram& program_;
  const runtime::Redactor& redactor_;
  std::string runId_;
  std::unordered_map<std::uint32_t, int> attempts_;
};

class Fanout final : public runtime::Observer {
 public:
  void add(runtime::Observer* o) { observers_.push_back(o); }
  void started(std::uint32_t j, int a) override {
    for (auto* o : observers_) o->started(j, a);
  }
  void finished(std::uint32_t j, runtime::State s, const runtime::CommandResult* r) override {
    for (auto* o : observers_) o->finished(j, s, r);
  }
  void retrying(std::uint32_t j, int a, const runtime::CommandResult& r) override {
    for (auto* o : observers_) o->retrying(j, a, r);
  }
  void flush() override {
    for (auto* o : observers_) o->flush();
  }

 private:
  std::vector<runtime::Observer*> observers_;
};

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

// Every host answers before anything runs, or the run does not start
// (--skip-unreachable: it goes on without them).
int preflight(boost::asio::io_context& io, boost::asio::signal_set& interrupts,
              runtime::Backend& backend, const std::vector<std::string>& hosts,
              bool skipUnreachable,
              bool othersRemain,  // local hosts run whatever preflight finds
              std::set<std::string>& unreachable) {
  std::map<std::string, runtime::HostReach> reach;
  bool interrupted = false;
  backend.connect(hosts, [&](std::map<std::string, runtime::HostReach> r) {
    reach = std::move(r);
    io.stop();
  });
  // Ctrl-C while connecting: stop here (the caller closes what opened).
  interrupts.async_wait([&](const boost::system::error_code& ec, int) {
    if (ec) return;
    interrupted = true;
    io.stop();
  });
  if (!hosts.empty()) io.run();
  interrupts.cancel();
  io.restart();
  if (interrupted) {
    backend.killAll();
    std::fprintf(stderr, "magicc: interrupted while connecting; nothing was run\n");
    return 130;
  }
  std::size_t failed = 0;
  for (const auto& [host, r] : reach) {
    if (r.ok) continue;
    ++failed;
    unreachable.insert(host);
    std::fprintf(stderr, "magicc: %s: %s: %s\n", skipUnreachable ? "warning" : "error",
                 host.c_str(), r.error.c_str());
  }
  if (failed && !skipUnreachable) {
    std::fprintf(stderr,
                 "magicc: error: %zu of %zu hosts cannot be reached; nothing was run "
                 "(--skip-unreachable runs on without them)\n",
                 failed, hosts.size());
    return kExitProgramErrors;
  }
  if (failed && failed == hosts.size() && !othersRemain) {
    std::fprintf(stderr, "magicc: error: no host can be reached; nothing was run\n");
    return kExitProgramErrors;
  }
  return kExitOk;
}

// Commands the interrupted run left running must end before their tasks run
// again: wait for them, or (--stop-leftovers) stop them; say which.
int settleLeftovers(store::Journal& journal, const std::string& runId, bool stop) {
  double started = 0;
  std::set<int> groups = journal.processGroups(runId, started);
  auto leftovers = runtime::findLeftovers(runId, groups, started);
  // SSH masters (forked by the preflight's ssh) carry the run's mark too:
  // they run no task, and may still carry a remote command's session.
  std::erase_if(leftovers, [](const auto& p) { return p.node == "preflight"; });
  if (leftovers.empty()) return kExitOk;
  std::string which;
  for (const auto& p : leftovers)
    which += fmt::format("\n  {} (pid {})",
                         p.node.empty()                        ? std::string("a command")
                         : p.host.empty() || p.host == "local" ? p.node
                                                               : p.host + "/" + p.node,
                         p.pid);
  if (stop) {
    std::fprintf(stderr,
                 "magicc: stopping %zu processes that run %s left running (--stop-leftovers):%s\n",
                 leftovers.size(), runId.c_str(), which.c_str());
    runtime::stopLeftovers(leftovers, std::chrono::seconds(5));
    return kExitOk;
  }
  std::fprintf(stderr,
               "magicc: waiting for %zu processes that run %s left running to end before their "
               "tasks run again (--stop-leftovers stops them):%s\n",
               leftovers.size(), runId.c_str(), which.c_str());
  std::fflush(stderr);
  runtime::waitForExit(leftovers, {});
  return kExitOk;
}

}  // namespace

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
  std::string program = absolute(planOptions.file);
  std::string statePath = options.state.empty()
                              ? (fs::path(program).parent_path() / ".magicc" / "state.db").string()
                              : options.state;
  std::string stateDir = fs::path(statePath).parent_path().string();
  if (stateDir.empty()) stateDir = ".";

  std::unique_ptr<store::Journal> journal;
  std::unique_ptr<store::SecretStore> secrets;
  std::optional<store::RunRecord> resumed;
  try {
    if (!options.checkOnly) {
      journal = store::Journal::open(statePath);
      secrets = store::SecretStore::open(stateDir, true);
    } else {
      // --check creates nothing: it reads the secret store if there is one.
      secrets = store::SecretStore::open(stateDir, false);
    }
    if (options.resume) {
      resumed = journal->lastRun(program);
      if (!resumed)
        return error(fmt::format("there is no run of '{}' in {} to resume", program, statePath),
                     kExitUsage);
      if (resumed->status == "done")
        return error(fmt::format("the last run of '{}' ({}) finished; there is nothing to resume",
                                 program, resumed->id),
                     kExitUsage);
      planOptions = planOptionsFrom(plan::Json::parse(resumed->invocation));
      planOptions.diagnostics = options.plan.diagnostics;
      // Secret params of the run were kept sealed.
      for (const auto& d : options.plan.defines) planOptions.defines.push_back(d);
      if (secrets)
        for (const auto& name : plan::Json::parse(resumed->invocation)
                                    .value("secret_params", std::vector<std::string>{}))
          if (auto v = secrets->get(fmt::format("param/{}/{}", resumed->id, name)))
            planOptions.defines.push_back(name + "=" + plan::literalDefineValue(*v));
    }
  } catch (const store::LockedError& e) {
    return error(e.what(), kExitUsage);
  } catch (const std::exception& e) {
    return error(e.what(), kExitUsage);
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
                    planOptions.file, resumed->id),
        kExitProgramErrors);

  std::optional<plan::Json> pipelineDoc;
  if (prepared.pipeline) {
    pipelineDoc = plan::planPipeline(*prepared.pipeline, prepared.inventory, prepared.paramSet,
                                     prepared.graph->names, prepared.compilation->sources(),
                                     prepared.compilation->diags());
    if (!pipelineDoc) {
      emitDiagnostics(prepared.compilation->diags(), prepared.compilation->sources(),
                      planOptions.diagnostics);
      return kExitProgramErrors;
    }
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

  std::string runId = resumed ? resumed->id : newRunId();
  if (resumed)
    if (int code = settleLeftovers(*journal, runId, options.stopLeftovers); code != kExitOk)
      return code;
  boost::asio::io_context io;
  runtime::LocalOptions localOptions;
  if (journal)
    localOptions.spawned = [&journal](const runtime::CommandSpec& spec, int pgid) {
      // Committed at once (WAL, synchronous=NORMAL: no fsync), so a kill -9
      // right after the spawn still leaves it for --resume to find.
      journal->recordProcess(spec.host, spec.node, pgid);
      journal->flush();
    };
  std::map<std::string, std::unique_ptr<runtime::Backend>> connections;
  connections["local"] = std::make_unique<runtime::LocalBackend>(io, localOptions);
  // Signals are ours from here on (preflight included), so that Ctrl-C
  // always ends with the masters closed.
  boost::asio::signal_set interrupts(io, SIGINT, SIGTERM);
  std::set<std::string> unreachable;
  // Routing is per host, as Ansible's ansible_connection says (ssh unless
  // `local`); --backend sends every host one way, and a resumed run goes
  // the way it went.
  std::string backendChoice = options.backend;
  if (resumed && backendChoice.empty())
    backendChoice = plan::Json::parse(resumed->invocation).value("backend", "");
  std::vector<std::string> hosts = hostsOf(prepared, pipelineDoc ? &*pipelineDoc : nullptr);
  std::set<std::string> localHosts;
  std::vector<std::string> remoteHosts;
  std::map<std::string, std::string> routes;
  for (const auto& h : hosts) {
    bool local = backendChoice == "local" ||
                 (backendChoice.empty() && connectsLocally(prepared.inventory, h));
    if (local)
      localHosts.insert(h);
    else
      remoteHosts.push_back(h);
    routes[h] = local ? "local" : "ssh";
  }
  if (!remoteHosts.empty()) {
    try {
      connections["ssh"] = makeSshBackend(io, localOptions, options, prepared.inventory);
    } catch (const std::exception& e) {
      return error(e.what(), kExitUsage);
    }
  }
  runtime::RoutingBackend backend(io, std::move(connections), std::move(routes));
  if (!remoteHosts.empty()) {
    if (int code = preflight(io, interrupts, backend, remoteHosts, options.skipUnreachable,
                             !localHosts.empty(), unreachable);
        code != kExitOk) {
      backend.shutdown();
      return code;
    }
  }

  RunProgram run = buildRunProgram(prepared, pipelineDoc ? &*pipelineDoc : nullptr, unreachable);
  if (!run.errors.empty()) {
    // Before anything runs: a half-configured command is worse than none.
    for (const auto& e : run.errors) error(e, 0);
    return kExitProgramErrors;
  }
  runtime::Redactor redactor;
  for (const auto& s : run.secrets) redactor.add(s);

  std::vector<store::NodeRecord> before;
  try {
    if (resumed) {
      before = journal->nodes(runId);
      bool same = before.size() == run.jobs.size();
      for (std::size_t j = 0; same && j < before.size(); ++j)
        same = before[j].name == run.jobs[j].name && before[j].target == run.jobs[j].target;
      // The same nodes may still do other things (an inventory var changed).
      std::string digest = plan::Json::parse(resumed->invocation).value("jobs_digest", "");
      if (!same || digest != digestOf(run))
        return error(fmt::format("run {} would not run the same commands now (did the inventory "
                                 "change?); run it without --resume to start again",
                                 runId),
                     kExitProgramErrors);
      journal->resumeRun(runId);
    } else if (journal) {
      plan::Json invocation = invocationOf(planOptions, prepared.paramSet);
      invocation["secret_params"] = prepared.paramSet.secrets;
      invocation["jobs_digest"] = digestOf(run);
      invocation["backend"] = backendChoice;
      for (const auto& name : prepared.paramSet.secrets)
        if (auto it = prepared.paramSet.values.find(name);
            it != prepared.paramSet.values.end() && secrets)
          secrets->put(fmt::format("param/{}/{}", runId, name), it->second);
      journal->beginRun({runId, program, hash, invocation.dump(), "running"}, run.jobs);
    }
  } catch (const std::exception& e) {
    return error(fmt::format("the state journal {}: {}", statePath, e.what()), kExitUsage);
  }
  std::unique_ptr<store::AuditLog> audit;
  if (journal) {
    try {
      audit = std::make_unique<store::AuditLog>((fs::path(stateDir) / "audit.log").string(), runId,
                                                resumed.has_value());
    } catch (const std::exception& e) {
      return error(e.what(), kExitUsage);
    }
  }

  auto started = std::chrono::steady_clock::now();
  runtime::ResourceRunnerOptions resourceOptions;
  resourceOptions.runId = runId;
  resourceOptions.checkOnly = options.checkOnly;
  resourceOptions.secrets = secrets.get();
  std::optional<runtime::OutputMemory> outputs;
  if (secrets) outputs.emplace(*secrets, program, run.jobs);
  resourceOptions.outputs = outputs ? &*outputs : nullptr;
  if (audit) resourceOptions.audit = [&](const runtime::ActionRecord& r) { audit->write(r); };
  runtime::ResourceRunner runner(io, backend, run.resources, redactor, resourceOptions);

  OutputMode mode =
      options.json ? OutputMode::Json
      : isatty(STDOUT_FILENO) && std::getenv("TERM") && std::string(std::getenv("TERM")) != "dumb"
          ? OutputMode::Status
          : OutputMode::Lines;
  Reporter reporter(run, redactor, mode, options.checkOnly, runId);
  reporter.setVerbose(options.verbose);
  Fanout observers;
  std::unique_ptr<JournalRecorder> recorder;
  if (journal) {
    recorder = std::make_unique<JournalRecorder>(*journal, secrets.get(), run, redactor, runId);
    observers.add(recorder.get());
  }
  observers.add(&reporter);

  runtime::EngineOptions engineOptions;
  // Local work is bound by the cores; remote work waits on the network.
  engineOptions.jobs = options.jobs > 0       ? options.jobs
                       : !remoteHosts.empty() ? 10u
                                              : std::max(1u, std::thread::hardware_concurrency());
  engineOptions.keepGoing = options.keepGoing;
  engineOptions.stages = run.limits;
  runtime::Engine engine(io, run.jobs, runner, observers, engineOptions);
  reporter.setEngine(&engine);

  // Resuming: what completed before stays complete, with its outputs.
  std::size_t restored = 0;
  try {
    for (std::uint32_t j = 0; j < before.size(); ++j) {
      if (before[j].state == runtime::State::Failed && !run.jobs[j].successors.empty() &&
          std::all_of(
              run.jobs[j].successors.begin(), run.jobs[j].successors.end(),
              [&](std::uint32_t s) { return before[s].state == runtime::State::Complete; })) {
        // Failed within a stage's budget and the pipeline went on: rerunning
        // it now would break the order of the stages.
        engine.restoreFailed(j);
        reporter.restored(j, runtime::State::Failed);
        continue;
      }
      if (before[j].state != runtime::State::Complete) continue;
      runtime::Values outs = journal->outs(runId, j);
      const runtime::Job& job = run.jobs[j];
      if (job.resource >= 0 && secrets)
        for (const auto& name : run.resources[job.resource].secretOutputs)
          if (auto v = secrets->get(fmt::format("out/{}/{}/{}", runId, j, name))) {
            redactor.add(*v);
            outs.emplace_back(name, *v);
          }
      engine.restore(j, before[j].changed, std::move(outs));
      reporter.restored(j, runtime::State::Complete);
      ++restored;
    }
  } catch (const std::exception& e) {
    return error(fmt::format("the state journal {}: {}", statePath, e.what()), kExitUsage);
  }
  reporter.begin();

  // Ctrl-C: start nothing new and let running work finish; a second one kills it.
  int interruptsSeen = 0;
  std::function<void()> watch = [&] {
    interrupts.async_wait([&](const boost::system::error_code& ec, int) {
      if (ec) return;
      if (++interruptsSeen == 1) {
        reporter.notice(
            fmt::format("magicc: interrupted: waiting for {} running commands "
                        "(interrupt again to kill them)",
                        engine.running()));
        engine.stopStarting();
      } else {
        runner.killAll();
      }
      watch();
    });
  };
  watch();
  // Once nothing runs and nothing more will start, the run is over: stop the
  // loop (the signal watchers would otherwise keep it waiting).
  int code = kExitUsage;
  try {
    engine.start([&] {
      interrupts.cancel();
      io.stop();
    });
    io.run();
    backend.shutdown();  // ssh: the masters are closed
    runtime::RunSummary summary = engine.summary();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    code = reporter.end(summary, secs);
    if (journal)
      journal->finishRun(summary.interrupted                ? "interrupted"
                         : summary.notRun || summary.failed ? (code == kExitOk ? "done" : "failed")
                                                            : "done");
  } catch (const store::AuditError& e) {
    // The audit log could not be written: stop rather than act unaudited.
    backend.killAll();
    return error(e.what(), kExitUsage);
  } catch (const std::exception& e) {
    // The journal could not record a transition: stop rather than act unrecorded.
    backend.killAll();
    return error(fmt::format("the state journal {}: {}", statePath, e.what()), kExitUsage);
  }
  // An audit line that failed inside a job (its failure is reported) fails the run.
  if (audit && !audit->failure().empty()) return error(audit->failure(), kExitUsage);
  return code;
}

}  // namespace magicc::driver
