#include "session/Session.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <random>
#include <thread>
#include <unordered_map>

#include "backends/Leftovers.h"
#include "program/ProgramDigest.h"
#include "resources/OutputMemory.h"
#include "resources/ResourceRunner.h"
#include "store/AuditLog.h"
#include "store/Journal.h"
#include "store/SecretStore.h"
#include "store/Sqlite.h"

namespace magicc::runtime {

namespace {

namespace fs = std::filesystem;

constexpr int kExitFailed = 1, kExitState = 2, kExitInterrupted = 130;

std::string newRunId() {
  std::random_device rd;
  return fmt::format("{:08x}{:08x}", rd(), rd());
}

bool isSecretOutput(const ResourceSpec& spec, const std::string& name) {
  return std::find(spec.secretOutputs.begin(), spec.secretOutputs.end(), name) !=
         spec.secretOutputs.end();
}

}  // namespace

double eventTime() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// The engine's observer: journals every transition (secret outputs go to
// the secret store instead), keeps the counts and per-stage progress, and
// turns transitions into events.
class Session::Recorder final : public Observer {
 public:
  Recorder(Session& session, const RunProgram& program)
      : s_(session), program_(program), stages_(program.stages.size()) {}

  void setEngine(const Engine* engine) { engine_ = engine; }

  void started(std::uint32_t j, int attempt) override {
    attempts_[j] = attempt;
    // A milestone acts on nothing: its COMPLETE is its only transition.
    const Job& job = program_.jobs[j];
    if (!job.runs()) return;
    if (s_.journal_) s_.journal_->transition(j, State::InProgress, attempt, false, "");
    auto now = std::chrono::steady_clock::now();
    starts_[j] = now;
    if (job.stage >= 0 && !stages_[job.stage].started) {
      stages_[job.stage].started = true;
      stages_[job.stage].first = now;
    }
    s_.emit(JobStarted{eventTime(), j, attempt, engine_ ? engine_->running() : 0});
  }

  void retrying(std::uint32_t j, int attempt, const CommandResult& r) override {
    std::string reason = s_.redactor_.redact(describeFailure(r));
    if (s_.journal_)
      s_.journal_->transition(j, State::Incomplete, attempt, false, "retry: " + reason);
    s_.emit(JobRetrying{eventTime(), j, attempt, reason});
  }

  void finished(std::uint32_t j, State state, const CommandResult* r) override {
    const Job& job = program_.jobs[j];
    if (s_.journal_) journal(j, state, r);
    if (job.hidden) return;
    bool changed = r && r->changed;
    // A second interrupt kills what runs: the operator's doing, not a
    // failure of the command.
    bool stopped = state == State::Failed && r && s_.cancels_ >= 2 && r->signal != 0;
    switch (state) {
      case State::Complete:
        (changed ? changed_ : ok_)++;
        break;
      case State::Failed:
        (stopped ? stopped_ : failed_)++;
        break;
      case State::Skipped:
        ++skipped_;
        break;
      default:
        break;
    }
    const Redactor& redactor = s_.redactor_;
    JobFinished e;
    e.time = eventTime();
    e.job = j;
    e.state = state;
    e.hasResult = r != nullptr;
    e.changed = changed;
    if (r) {
      e.action = redactor.redact(r->action);
      if (state == State::Failed)
        e.reason = stopped ? std::string("interrupted twice: its processes were killed")
                           : redactor.redact(describeFailure(*r));
      e.stopped = stopped;
      e.stdoutTail = redactor.redact(r->stdoutTail);
      e.stderrTail = redactor.redact(r->stderrTail);
      e.diff = redactor.redact(r->diff);
    }
    if (state == State::Skipped) e.reason = "a dependency failed";
    auto it = starts_.find(j);
    if (it != starts_.end())
      e.seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - it->second).count();
    e.running = engine_ ? engine_->running() : 0;
    s_.emit(e);
    if (job.stage >= 0) stageProgress(job, state, e);
  }

  void flush() override {
    if (s_.journal_) s_.journal_->flush();
  }

  void restored(std::uint32_t j, State state) {
    const Job& job = program_.jobs[j];
    if (!job.hidden) ++restored_;
    // A stage partly done before the resume still gets its summary.
    if (job.stage >= 0) {
      Stage& st = stages_[job.stage];
      ++st.done;
      (state == State::Failed ? st.failed : st.ok)++;
    }
    s_.emit(JobRestored{j, state});
  }

  RunFinished end(const RunSummary& summary, double seconds) const {
    std::size_t notRun = 0;
    for (std::uint32_t j = 0; j < program_.jobs.size(); ++j)
      if (!program_.jobs[j].hidden && engine_ && engine_->state(j) == State::Incomplete) ++notRun;
    RunFinished e;
    e.time = eventTime();
    e.runId = s_.runId_;
    e.checkOnly = s_.options_.checkOnly;
    e.ok = ok_;
    e.changed = changed_;
    e.failed = failed_;
    e.stopped = stopped_;
    e.skipped = skipped_ + notRun;
    e.restored = restored_;
    e.seconds = seconds;
    e.interrupted = summary.interrupted;
    e.failedBeyondBudget = summary.failedBeyondBudget;
    e.exitCode = summary.interrupted          ? kExitInterrupted
                 : summary.failedBeyondBudget ? kExitFailed
                                              : 0;
    return e;
  }
  std::size_t restoredCount() const { return restored_; }

  // The run is over: a stage begun but not finished (an interrupt, a
  // failure that stopped the run) still gets its summary, saying so.
  void closeStages(bool interrupted) {
    for (std::size_t i = 0; i < stages_.size(); ++i)
      if ((stages_[i].started || stages_[i].done > 0) && !stages_[i].reported &&
          stages_[i].done < program_.stages[i].tasks)
        reportStage(static_cast<int>(i), interrupted);
  }

 private:
  struct Stage {
    std::size_t done = 0, ok = 0, failed = 0, skipped = 0, stopped = 0;
    std::chrono::steady_clock::time_point first{}, last{};
    bool started = false, reported = false;
    std::map<std::string, std::size_t> outputs;
  };

  void journal(std::uint32_t j, State state, const CommandResult* r) {
    bool changed = r && r->changed;
    std::string detail;
    if (r) detail = state == State::Failed ? describeFailure(*r) : r->action;
    if (state == State::Skipped) detail = "a dependency failed";
    // Sealed outputs first: a COMPLETE in the journal must find them on --resume.
    if (r && !r->outs.empty() && state == State::Complete) sealOutputs(j, *r);
    auto attempt = attempts_.find(j);
    int number = attempt != attempts_.end() ? attempt->second : 0;
    s_.journal_->transition(j, state, number, changed, s_.redactor_.redact(detail));
    if (r && state == State::Failed && !(r->stdoutTail.empty() && r->stderrTail.empty()))
      s_.journal_->recordTails(j, number, s_.redactor_.redact(r->stdoutTail),
                               s_.redactor_.redact(r->stderrTail));
  }

  void sealOutputs(std::uint32_t j, const CommandResult& r) {
    const Job& job = program_.jobs[j];
    Values plain;
    for (const auto& [name, value] : r.outs) {
      bool secret = job.resource >= 0 && isSecretOutput(program_.resources[job.resource], name);
      if (!secret)
        plain.emplace_back(name, s_.redactor_.redact(value));
      else if (s_.secrets_)
        s_.secrets_->put(fmt::format("out/{}/{}/{}", s_.runId_, j, name), value);
    }
    s_.journal_->recordOuts(j, plain);
  }

  void stageProgress(const Job& job, State state, const JobFinished& e) {
    Stage& st = stages_[job.stage];
    const StageInfo& info = program_.stages[job.stage];
    ++st.done;
    st.last = std::chrono::steady_clock::now();
    if (state == State::Complete) ++st.ok;
    if (state == State::Failed) (e.stopped ? st.stopped : st.failed)++;
    if (state == State::Skipped) ++st.skipped;
    if (state == State::Complete && info.summarize && e.hasResult)
      ++st.outputs[trimEnd(e.stdoutTail)];
    if (st.done < info.tasks || st.reported) return;
    reportStage(job.stage, false);
  }

  void reportStage(int stage, bool interrupted) {
    Stage& st = stages_[stage];
    st.reported = true;
    StageFinished done;
    done.time = eventTime();
    done.stage = stage;
    done.ok = st.ok;
    done.failed = st.failed;
    done.skipped = st.skipped;
    done.stopped = st.stopped;
    done.notRun = program_.stages[stage].tasks - std::min(st.done, program_.stages[stage].tasks);
    done.interrupted = interrupted;
    done.seconds = st.started ? std::chrono::duration<double>(st.last - st.first).count() : 0.0;
    done.outputs = st.outputs;
    s_.emit(done);
  }

  Session& s_;
  const RunProgram& program_;
  const Engine* engine_ = nullptr;
  std::unordered_map<std::uint32_t, int> attempts_;
  std::unordered_map<std::uint32_t, std::chrono::steady_clock::time_point> starts_;
  std::vector<Stage> stages_;
  std::size_t ok_ = 0, changed_ = 0, failed_ = 0, stopped_ = 0, skipped_ = 0, restored_ = 0;
};

Session::Session(boost::asio::io_context& io, SessionOptions options, EventSink& sink)
    : io_(io), options_(std::move(options)), sink_(sink) {
  stateDir_ = fs::path(options_.statePath).parent_path().string();
  if (stateDir_.empty()) stateDir_ = ".";
}

Session::~Session() = default;

SessionStatus Session::open() {
  if (options_.resume && options_.checkOnly)
    return {kExitState, "--resume and --check do not go together"};
  try {
    if (!options_.checkOnly) {
      journal_ = store::Journal::open(options_.statePath);
      secrets_ = store::SecretStore::open(stateDir_, true);
    } else {
      // --check creates nothing: it reads the secret store if there is one.
      secrets_ = store::SecretStore::open(stateDir_, false);
    }
    if (!options_.resume) {
      runId_ = newRunId();
      // We hold the journal's lock: a run still marked running has died
      // (kill -9, a crash, a lost machine). Starting afresh is allowed, but
      // never silently.
      if (journal_)
        if (auto last = journal_->lastRun(options_.program); last && last->status == "running")
          emit(
              Notice{fmt::format("magicc: the last run of '{}' ({}) never finished (its process "
                                 "ended without closing it); this run starts afresh. "
                                 "--resume would have continued it",
                                 options_.program, last->id)});
      return {};
    }
    std::optional<store::RunRecord> last = journal_->lastRun(options_.program);
    if (!last)
      return {kExitState, fmt::format("there is no run of '{}' in {} to resume", options_.program,
                                      options_.statePath)};
    if (last->status == "done")
      return {kExitState, fmt::format("the last run of '{}' ({}) finished; there is nothing to "
                                      "resume",
                                      options_.program, last->id)};
    ResumableRun run{last->id, last->sourceHash, last->invocation, {}};
    // Secret params of the run were kept sealed.
    if (secrets_)
      for (const auto& name : nlohmann::json::parse(last->invocation)
                                  .value("secret_params", std::vector<std::string>{}))
        if (auto v = secrets_->get(fmt::format("param/{}/{}", last->id, name)))
          run.secretParams.emplace_back(name, *v);
    runId_ = run.runId;
    resumable_ = std::move(run);
  } catch (const std::exception& e) {
    return {kExitState, e.what()};
  }
  return {};
}

SessionStatus Session::settleLeftovers() {
  if (!resumable_ || !journal_) return {};
  double started = 0;
  std::set<int> groups = journal_->processGroups(runId_, started);
  auto leftovers = findLeftovers(runId_, groups, started);
  // SSH masters (forked by the preflight's ssh) carry the run's mark too:
  // they run no task, and may still carry a remote command's session.
  std::erase_if(leftovers, [](const auto& p) { return p.node == "preflight"; });
  if (leftovers.empty()) return {};
  std::string which;
  for (const auto& p : leftovers)
    which += fmt::format("\n  {} (pid {})",
                         p.node.empty()                        ? std::string("a command")
                         : p.host.empty() || p.host == "local" ? p.node
                                                               : p.host + "/" + p.node,
                         p.pid);
  if (options_.stopLeftovers) {
    emit(Notice{
        fmt::format("magicc: stopping {} processes that run {} left running (--stop-leftovers):{}",
                    leftovers.size(), runId_, which)});
    stopLeftovers(leftovers, std::chrono::seconds(5));
    return {};
  }
  emit(
      Notice{fmt::format("magicc: waiting for {} processes that run {} left running to end "
                         "before their tasks run again (--stop-leftovers stops them):{}",
                         leftovers.size(), runId_, which)});
  waitForExit(leftovers, {});
  return {};
}

void Session::recordProcess(const std::string& host, const std::string& node, int pgid) {
  if (!journal_) return;
  // WAL, synchronous=NORMAL: committed without an fsync.
  journal_->recordProcess(host, node, pgid);
  journal_->flush();
}

ConnectResult Session::connect(Backend& backend, const std::vector<std::string>& hosts) {
  // Shared with the callback: after an interrupt it may still come, later.
  auto answer = std::make_shared<std::optional<std::map<std::string, HostReach>>>();
  phase_ = Phase::Connecting;
  backend_ = &backend;
  backend.connect(hosts, [answer, &io = io_](std::map<std::string, HostReach> r) {
    *answer = std::move(r);
    io.stop();
  });
  if (!interrupted_) io_.run();
  io_.restart();
  phase_ = Phase::Idle;
  backend_ = nullptr;
  std::map<std::string, HostReach> reach = answer->value_or(std::map<std::string, HostReach>{});
  ConnectResult result;
  if (interrupted_) {
    backend.killAll();
    emit(Notice{"magicc: interrupted while connecting; nothing was run"});
    backend.shutdown();
    result.exitCode = kExitInterrupted;
    return result;
  }
  // Hosts here need no connection: they run whatever preflight finds.
  std::size_t remote = 0;
  bool othersRemain = false;
  for (const auto& h : hosts) {
    if (backend.host(h).local())
      othersRemain = true;
    else
      ++remote;
  }
  remote_ = remote_ || remote > 0;
  std::size_t failed = 0;
  for (const auto& [host, r] : reach) {
    if (r.ok) continue;
    ++failed;
    result.unreachable.insert(host);
    emit(HostUnreachable{host, r.error, !options_.skipUnreachable});
  }
  if (failed && !options_.skipUnreachable) {
    result.exitCode = kExitFailed;
    result.error = fmt::format(
        "{} of {} hosts cannot be reached; nothing was run (--skip-unreachable runs on without "
        "them)",
        failed, remote);
  } else if (failed && failed == remote && !othersRemain) {
    result.exitCode = kExitFailed;
    result.error = "no host can be reached; nothing was run";
  }
  if (!result.ok()) backend.shutdown();
  return result;
}

unsigned Session::jobsFor(Backend& backend, const RunProgram& program) const {
  if (options_.jobs > 0) return options_.jobs;
  // Local work is bound by the cores; remote work waits on the network.
  bool remote = remote_;
  std::set<std::string> seen;
  for (const auto& job : program.jobs)
    if (!remote && seen.insert(job.target).second) remote = !backend.host(job.target).local();
  return remote ? 10u : std::max(1u, std::thread::hardware_concurrency());
}

RunResult Session::run(Backend& backend, const RunProgram& program, RunRequest request) {
  RunResult result;
  auto stateError = [&](const std::exception& e) {
    result.exitCode = kExitState;
    // A full disk or an I/O error mid-run says so as at the start: the
    // journal (up to its last commit) is intact for --resume.
    auto* sqlite = dynamic_cast<const store::SqliteError*>(&e);
    result.error =
        sqlite && (sqlite->diskFull() || sqlite->ioError())
            ? fmt::format("cannot write the state journal '{}': {}", options_.statePath, e.what())
            : fmt::format("the state journal {}: {}", options_.statePath, e.what());
    return result;
  };
  for (const auto& s : program.secrets) redactor_.add(s);

  std::vector<store::NodeRecord> before;
  try {
    if (resumable_) {
      before = journal_->nodes(runId_);
      bool same = before.size() == program.jobs.size();
      for (std::size_t j = 0; same && j < before.size(); ++j)
        same = before[j].name == program.jobs[j].name && before[j].target == program.jobs[j].target;
      // The same nodes may still do other things (an inventory var changed).
      std::string digest =
          nlohmann::json::parse(resumable_->invocation).value("jobs_digest", std::string());
      if (!same || digest != digestOf(program)) {
        result.exitCode = kExitFailed;
        result.error = fmt::format(
            "run {} would not run the same commands now (did the inventory change?); run it "
            "without --resume to start again",
            runId_);
        return result;
      }
      journal_->resumeRun(runId_);
    } else if (journal_) {
      request.invocation["jobs_digest"] = digestOf(program);
      // Never journaled: --resume unseals them.
      if (secrets_)
        for (const auto& [name, value] : request.secretParams)
          secrets_->put(fmt::format("param/{}/{}", runId_, name), value);
      journal_->beginRun(
          {runId_, options_.program, request.sourceHash, request.invocation.dump(), "running"},
          program.jobs);
    }
  } catch (const std::exception& e) {
    return stateError(e);
  }
  std::unique_ptr<store::AuditLog> audit;
  if (journal_) {
    try {
      audit = std::make_unique<store::AuditLog>((fs::path(stateDir_) / "audit.log").string(),
                                                runId_, resumable_.has_value());
    } catch (const std::exception& e) {
      result.exitCode = kExitState;
      result.error = e.what();
      return result;
    }
  }

  auto started = std::chrono::steady_clock::now();
  ResourceRunnerOptions resourceOptions;
  resourceOptions.runId = runId_;
  resourceOptions.checkOnly = options_.checkOnly;
  resourceOptions.diff = options_.diff;
  resourceOptions.secrets = secrets_.get();
  std::optional<OutputMemory> outputs;
  if (secrets_) outputs.emplace(*secrets_, options_.program, program.jobs);
  resourceOptions.outputs = outputs ? &*outputs : nullptr;
  if (audit) resourceOptions.audit = [&](const ActionRecord& r) { audit->write(r); };
  ResourceRunner runner(io_, backend, program.resources, redactor_, resourceOptions);

  Recorder recorder(*this, program);
  EngineOptions engineOptions;
  engineOptions.jobs = jobsFor(backend, program);
  engineOptions.keepGoing = options_.keepGoing;
  engineOptions.stages = program.limits;
  Engine engine(io_, program.jobs, runner, recorder, engineOptions);
  recorder.setEngine(&engine);

  // Resuming: what completed before stays complete, with its outputs.
  try {
    for (std::uint32_t j = 0; j < before.size(); ++j) {
      const Job& job = program.jobs[j];
      if (before[j].state == State::Failed && !job.successors.empty() &&
          std::all_of(job.successors.begin(), job.successors.end(),
                      [&](std::uint32_t s) { return before[s].state == State::Complete; })) {
        // Failed within a stage's budget and the pipeline went on: rerunning
        // it now would break the order of the stages.
        engine.restoreFailed(j);
        recorder.restored(j, State::Failed);
        continue;
      }
      if (before[j].state != State::Complete) continue;
      Values outs = journal_->outs(runId_, j);
      if (job.resource >= 0 && secrets_)
        for (const auto& name : program.resources[job.resource].secretOutputs)
          if (auto v = secrets_->get(fmt::format("out/{}/{}/{}", runId_, j, name))) {
            redactor_.add(*v);
            outs.emplace_back(name, *v);
          }
      engine.restore(j, before[j].changed, std::move(outs));
      recorder.restored(j, State::Complete);
    }
  } catch (const std::exception& e) {
    return stateError(e);
  }
  emit(RunStarted{eventTime(), runId_, program.jobs.size(), options_.checkOnly,
                  recorder.restoredCount()});

  phase_ = Phase::Running;
  backend_ = &backend;
  engine_ = &engine;
  runner_ = &runner;
  struct Detach {
    Session& s;
    ~Detach() {
      s.phase_ = Phase::Idle;
      s.backend_ = nullptr;
      s.engine_ = nullptr;
      s.runner_ = nullptr;
    }
  } detach{*this};
  try {
    // Once nothing runs and nothing more will start, the run is over: stop
    // the loop (a caller's signal watcher would otherwise keep it waiting).
    engine.start([this] { io_.stop(); });
    io_.run();
    io_.restart();
    backend.shutdown();  // ssh: the masters are closed
    result.summary = engine.summary();
    recorder.closeStages(result.summary.interrupted);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    RunFinished end = recorder.end(result.summary, secs);
    emit(end);
    result.exitCode = end.exitCode;
    result.status = result.summary.interrupted ? "interrupted"
                    : result.summary.notRun || result.summary.failed
                        ? (end.exitCode == 0 ? "done" : "failed")
                        : "done";
    if (journal_) journal_->finishRun(result.status);
  } catch (const store::AuditError& e) {
    // The audit log could not be written: stop rather than act unaudited.
    backend.killAll();
    result.exitCode = kExitState;
    result.error = e.what();
    return result;
  } catch (const std::exception& e) {
    // The journal could not record a transition: stop rather than act unrecorded.
    backend.killAll();
    return stateError(e);
  }
  // An audit line that failed inside a job (its failure is reported) fails the run.
  if (audit && !audit->failure().empty()) {
    result.exitCode = kExitState;
    result.error = audit->failure();
  }
  return result;
}

void Session::cancel() {
  switch (phase_) {
    case Phase::Connecting:
      // Stop here: connect() closes what opened.
      interrupted_ = true;
      io_.stop();
      return;
    case Phase::Running:
      if (++cancels_ == 1) {
        emit(Notice{fmt::format("magicc: interrupted: waiting for {} running commands (interrupt "
                                "again to kill them)",
                                engine_->running()),
                    true});
        engine_->stopStarting();
      } else {
        runner_->killAll();
      }
      return;
    case Phase::Idle:
      return;
  }
}

void Session::kill() {
  if (runner_)
    runner_->killAll();
  else if (backend_)
    backend_->killAll();
}

}  // namespace magicc::runtime
