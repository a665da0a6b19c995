// The session against a fake backend: every transition journaled in a real
// SQLite journal, --resume restoring what completed (and refusing other
// jobs), failure budgets and --keep-going, secret outputs sealed and never
// journaled nor told, interrupts, and unreachable hosts at connect. No
// process is spawned: the fake answers each command with a scripted result
// on the next turn of the loop.
#include "session/Session.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "TempDir.h"
#include "session/EventJson.h"
#include "store/Journal.h"
#include "store/SecretStore.h"
#include "store/Sqlite.h"

namespace magicc::runtime {
namespace {

namespace fs = std::filesystem;
namespace asio = boost::asio;

using test::TempDir;

class FakeBackend;

// One host's operations: records each command and answers as scripted.
class FakeHost final : public HostOps {
 public:
  FakeHost(FakeBackend& backend, std::string name) : backend_(backend), name_(std::move(name)) {}
  const std::string& name() const override { return name_; }
  bool local() const override;
  void run(const CommandSpec& spec, std::function<void(CommandResult)> done) override;
  void stat(const OpContext&, const std::string&, FileDigest,
            std::function<void(FileState, OpStatus)> done) override;
  void put(const OpContext&, const FileWrite&, std::function<void(OpStatus)> done) override;
  void read(const OpContext&, const std::string&, std::size_t,
            std::function<void(FileContent, OpStatus)> done) override;
  void remove(const OpContext&, const std::string&, std::function<void(OpStatus)> done) override;
  void call(const OpContext&, const std::string&, const nlohmann::json&,
            std::function<void(nlohmann::json, std::string)> done) override;

 private:
  FakeBackend& backend_;
  std::string name_;
};

class FakeBackend final : public Backend {
 public:
  explicit FakeBackend(asio::io_context& context) : io(context) {}

  void connect(const std::vector<std::string>& hosts,
               std::function<void(std::map<std::string, HostReach>)> done) override {
    std::map<std::string, HostReach> reach;
    for (const auto& h : hosts) {
      auto it = unreachable.find(h);
      reach[h] = it == unreachable.end() ? HostReach{true, false, false, ""}
                                         : HostReach{false, false, false, it->second};
    }
    asio::post(io, [done, reach] { done(reach); });
  }
  HostOps& host(const std::string& name) override {
    auto& h = hosts_[name];
    if (!h) h = std::make_unique<FakeHost>(*this, name);
    return *h;
  }
  void killAll() override {
    ++kills;
    // What is held ends as a killed process would.
    auto pending = std::move(held);
    for (auto& done : pending) {
      CommandResult r;
      r.signal = 9;
      asio::post(io, [done, r] { done(r); });
    }
  }
  void shutdown() override { ++shutdowns; }

  // Scripted: node -> result per attempt (the last repeats); unscripted: exit 0.
  std::map<std::string, std::vector<CommandResult>> results;
  // Called as each command starts (on the loop), e.g. to interrupt.
  std::function<void(const CommandSpec&)> onRun;
  std::set<std::string> hold;                      // nodes whose commands never end unless killed
  std::map<std::string, std::string> unreachable;  // host -> why
  std::set<std::string> remote;                    // hosts that are not this machine
  std::vector<std::string> ran;                    // "host/node: command", in order
  std::vector<std::function<void(CommandResult)>> held;
  int kills = 0, shutdowns = 0;
  asio::io_context& io;

 private:
  std::map<std::string, std::unique_ptr<FakeHost>> hosts_;
  std::map<std::string, int> attempts_;
  friend class FakeHost;
};

bool FakeHost::local() const {
  return backend_.remote.count(name_) == 0;
}

void FakeHost::run(const CommandSpec& spec, std::function<void(CommandResult)> done) {
  backend_.ran.push_back(spec.host + "/" + spec.node + ": " + spec.command);
  int attempt = backend_.attempts_[spec.host + "/" + spec.node]++;
  CommandResult r;
  if (auto it = backend_.results.find(spec.node); it != backend_.results.end())
    r = it->second[std::min<std::size_t>(attempt, it->second.size() - 1)];
  if (backend_.onRun) asio::post(backend_.io, [this, spec] { backend_.onRun(spec); });
  if (backend_.hold.count(spec.node)) {
    backend_.held.push_back(std::move(done));
    return;
  }
  asio::post(backend_.io, [done, r] { done(r); });
}

void FakeHost::stat(const OpContext&, const std::string&, FileDigest,
                    std::function<void(FileState, OpStatus)> done) {
  asio::post(backend_.io, [done] { done({}, opFailure("no files here")); });
}
void FakeHost::put(const OpContext&, const FileWrite&, std::function<void(OpStatus)> done) {
  asio::post(backend_.io, [done] { done(opFailure("no files here")); });
}
void FakeHost::read(const OpContext&, const std::string&, std::size_t,
                    std::function<void(FileContent, OpStatus)> done) {
  asio::post(backend_.io, [done] { done({}, opFailure("no files here")); });
}
void FakeHost::remove(const OpContext&, const std::string&, std::function<void(OpStatus)> done) {
  asio::post(backend_.io, [done] { done(opFailure("no files here")); });
}
void FakeHost::call(const OpContext&, const std::string&, const nlohmann::json&,
                    std::function<void(nlohmann::json, std::string)> done) {
  asio::post(backend_.io, [done] { done({}, "no agent"); });
}

// Keeps every event, and its NDJSON line as --json would print it.
class RecordingSink final : public EventSink {
 public:
  void event(const Event& e) override {
    events.push_back(e);
    if (program && redactor)
      if (auto json = eventJson(e, *program, {true}))
        lines.push_back(eventJsonLine(*json, *redactor));
  }
  template <typename T>
  std::vector<T> all() const {
    std::vector<T> out;
    for (const auto& e : events)
      if (auto* t = std::get_if<T>(&e)) out.push_back(*t);
    return out;
  }
  std::vector<Event> events;
  std::vector<std::string> lines;
  const RunProgram* program = nullptr;
  const Redactor* redactor = nullptr;
};

Job command(const std::string& name, const std::string& cmd, const std::string& target = "local") {
  Job j;
  j.name = name;
  j.target = target;
  j.kind = JobKind::Command;
  j.command = cmd;
  return j;
}

// a -> b -> c
RunProgram chain(const std::string& cCommand = "echo c") {
  RunProgram p;
  p.jobs = {command("a", "echo a"), command("b", "echo b"), command("c", cCommand)};
  p.jobs[0].successors = {1};
  p.jobs[1].predecessors = 1;
  p.jobs[1].successors = {2};
  p.jobs[2].predecessors = 1;
  return p;
}

CommandResult exitWith(int code, std::string stderrText = "") {
  CommandResult r;
  r.exitCode = code;
  r.stderrTail = std::move(stderrText);
  return r;
}

// One session over a state directory: open, connect, run.
struct Fixture {
  asio::io_context io;
  FakeBackend backend{io};
  RecordingSink sink;
  std::unique_ptr<Session> session;
  SessionOptions options;

  explicit Fixture(const TempDir& dir) {
    options.program = "/programs/site.mm";
    options.statePath = (dir.path / "state" / "state.db").string();
    options.jobs = 1;
  }
  SessionStatus open() {
    session = std::make_unique<Session>(io, options, sink);
    sink.redactor = &session->redactor();
    return session->open();
  }
  RunResult run(const RunProgram& program, RunRequest request = {}) {
    sink.program = &program;
    std::vector<std::string> hosts;
    for (const auto& j : program.jobs)
      if (j.target != "local" && std::find(hosts.begin(), hosts.end(), j.target) == hosts.end())
        hosts.push_back(j.target);
    auto reach = session->connect(backend, hosts);
    EXPECT_TRUE(reach.ok()) << reach.error;
    return session->run(backend, program, std::move(request));
  }
};

std::vector<std::string> transitions(const std::string& db) {
  store::Database d(db, true);
  store::Statement q(d.handle(), "SELECT job, state, attempt FROM transitions ORDER BY seq");
  std::vector<std::string> out;
  while (q.step())
    out.push_back(std::to_string(q.integer(0)) + " " + q.text(1) + " " +
                  std::to_string(q.integer(2)));
  return out;
}

std::string fileBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every byte of the state directory's databases (WAL and journal files too).
std::string stateBytes(const fs::path& dir, const std::string& prefix) {
  std::string all;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().filename().string().rfind(prefix, 0) == 0) all += fileBytes(entry.path());
  return all;
}

TEST(Session, RecordsEveryTransitionInTheJournal) {
  TempDir dir;
  RunProgram program = chain();
  {
    Fixture f(dir);
    ASSERT_TRUE(f.open().ok());
    RunResult r = f.run(program);
    EXPECT_EQ(r.exitCode, 0) << r.error;
    EXPECT_EQ(r.status, "done");
    EXPECT_EQ(f.backend.ran,
              (std::vector<std::string>{"local/a: echo a", "local/b: echo b", "local/c: echo c"}));
    EXPECT_EQ(f.backend.shutdowns, 1);
    // Events: run, then start/finish per job, then end.
    ASSERT_EQ(f.sink.all<RunStarted>().size(), 1u);
    EXPECT_EQ(f.sink.all<JobStarted>().size(), 3u);
    EXPECT_EQ(f.sink.all<JobFinished>().size(), 3u);
    auto end = f.sink.all<RunFinished>();
    ASSERT_EQ(end.size(), 1u);
    EXPECT_EQ(end[0].changed, 3u);  // a command that ran changed something
    EXPECT_EQ(end[0].exitCode, 0);
    ASSERT_FALSE(f.sink.lines.empty());
    EXPECT_EQ(f.sink.lines.front().rfind(
                  "{\"event\":\"run\",\"run_id\":\"" + f.session->runId() + "\",\"time\":", 0),
              0u);
  }
  EXPECT_EQ(transitions(dir.path / "state" / "state.db"),
            (std::vector<std::string>{"0 IN_PROGRESS 1", "0 COMPLETE 1", "1 IN_PROGRESS 1",
                                      "1 COMPLETE 1", "2 IN_PROGRESS 1", "2 COMPLETE 1"}));
  auto journal = store::Journal::open((dir.path / "state" / "state.db").string());
  auto last = journal->lastRun("/programs/site.mm");
  ASSERT_TRUE(last);
  EXPECT_EQ(last->status, "done");
  EXPECT_NE(last->invocation.find("\"jobs_digest\":\"sha256:"), std::string::npos);
}

TEST(Session, ResumeRestoresWhatCompletedAndRunsTheRest) {
  TempDir dir;
  RunProgram program = chain();
  std::string runId;
  {
    Fixture f(dir);
    f.backend.results["b"] = {exitWith(1, "no disk")};
    ASSERT_TRUE(f.open().ok());
    RunResult r = f.run(program);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.status, "failed");
    runId = f.session->runId();
  }
  Fixture f(dir);
  f.options.resume = true;
  ASSERT_TRUE(f.open().ok());
  ASSERT_TRUE(f.session->resumable());
  EXPECT_EQ(f.session->resumable()->runId, runId);
  EXPECT_EQ(f.session->runId(), runId);
  RunResult r = f.run(program);
  EXPECT_EQ(r.exitCode, 0) << r.error;
  EXPECT_EQ(r.status, "done");
  EXPECT_EQ(f.backend.ran, (std::vector<std::string>{"local/b: echo b", "local/c: echo c"}));
  auto restored = f.sink.all<JobRestored>();
  ASSERT_EQ(restored.size(), 1u);
  EXPECT_EQ(restored[0].job, 0u);
  EXPECT_EQ(f.sink.all<RunStarted>().at(0).restored, 1u);
  EXPECT_EQ(f.sink.all<RunFinished>().at(0).restored, 1u);
}

TEST(Session, ResumeRefusesJobsThatWouldDoOtherThings) {
  TempDir dir;
  {
    Fixture f(dir);
    f.backend.results["b"] = {exitWith(1)};
    ASSERT_TRUE(f.open().ok());
    EXPECT_EQ(f.run(chain()).status, "failed");
  }
  Fixture f(dir);
  f.options.resume = true;
  ASSERT_TRUE(f.open().ok());
  RunProgram changed = chain("echo something else");
  RunResult r = f.run(changed);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.error.find("would not run the same commands now"), std::string::npos) << r.error;
  EXPECT_TRUE(f.backend.ran.empty());
}

TEST(Session, ResumeNeedsAnUnfinishedRun) {
  TempDir dir;
  {
    Fixture f(dir);
    f.options.resume = true;
    SessionStatus s = f.open();
    EXPECT_EQ(s.exitCode, 2);
    EXPECT_NE(s.error.find("there is no run of '/programs/site.mm'"), std::string::npos);
  }
  {
    Fixture f(dir);
    ASSERT_TRUE(f.open().ok());
    EXPECT_EQ(f.run(chain()).status, "done");
  }
  Fixture f(dir);
  f.options.resume = true;
  SessionStatus s = f.open();
  EXPECT_EQ(s.exitCode, 2);
  EXPECT_NE(s.error.find("finished; there is nothing to resume"), std::string::npos);
}

// A stage of `tasks` tasks on as many hosts, then `after`.
RunProgram stage(std::size_t tasks, std::size_t maxFail) {
  RunProgram p;
  for (std::size_t i = 0; i < tasks; ++i) {
    Job t = command("t", "work", "h" + std::to_string(i));
    t.stage = 0;
    t.host = static_cast<std::uint32_t>(i);
    t.successors = {static_cast<std::uint32_t>(tasks)};
    p.jobs.push_back(t);
  }
  Job barrier;
  barrier.name = "barrier";
  barrier.target = "local";
  barrier.hidden = true;
  barrier.predecessors = static_cast<std::uint32_t>(tasks);
  barrier.successors = {static_cast<std::uint32_t>(tasks + 1)};
  p.jobs.push_back(barrier);
  Job after = command("after", "finish");
  after.predecessors = 1;
  p.jobs.push_back(after);
  p.stages = {StageInfo{"deploy", tasks, tasks, 0, false, false}};
  p.limits = {StageLimits{0, 0, maxFail}};
  return p;
}

TEST(Session, MaxFailIsTheStageBudget) {
  for (std::size_t failures : {1u, 2u}) {
    TempDir dir;
    Fixture f(dir);
    f.backend.remote = {"h0", "h1", "h2"};
    RunProgram p = stage(3, 1);
    for (std::size_t i = 0; i < failures; ++i) p.jobs[i].name = "bad";
    f.backend.results["bad"] = {exitWith(1)};
    ASSERT_TRUE(f.open().ok());
    RunResult r = f.run(p);
    auto stages = f.sink.all<StageFinished>();
    auto end = f.sink.all<RunFinished>().at(0);
    if (failures == 1) {
      // Within the budget: the stage ends, the pipeline goes on, the run is done.
      ASSERT_EQ(stages.size(), 1u);
      EXPECT_EQ(stages[0].failed, 1u);
      EXPECT_EQ(stages[0].ok, 2u);
      EXPECT_EQ(r.exitCode, 0);
      EXPECT_EQ(r.status, "done");
      EXPECT_EQ(f.backend.ran.back(), "local/after: finish");
      EXPECT_FALSE(end.failedBeyondBudget);
    } else {
      // Beyond: nothing more starts (the third task neither), the run failed;
      // the stage still gets its summary, with the task that never ran.
      ASSERT_EQ(stages.size(), 1u);
      EXPECT_EQ(stages[0].failed, 2u);
      EXPECT_EQ(stages[0].notRun, 1u);
      EXPECT_FALSE(stages[0].interrupted);
      EXPECT_EQ(f.backend.ran, (std::vector<std::string>{"h0/bad: work", "h1/bad: work"}));
      EXPECT_EQ(r.exitCode, 1);
      EXPECT_EQ(r.status, "failed");
      EXPECT_TRUE(end.failedBeyondBudget);
      EXPECT_EQ(end.skipped, 2u);  // the third task and `after` never ran
    }
  }
}

// a fails; b does not depend on it.
RunProgram twoIndependent() {
  RunProgram p;
  p.jobs = {command("a", "false"), command("b", "echo b")};
  return p;
}

TEST(Session, AFailureStopsStartingUnlessKeepGoing) {
  for (bool keepGoing : {false, true}) {
    TempDir dir;
    Fixture f(dir);
    f.options.keepGoing = keepGoing;
    f.backend.results["a"] = {exitWith(1)};
    ASSERT_TRUE(f.open().ok());
    RunProgram p = twoIndependent();
    RunResult r = f.run(p);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.status, "failed");
    EXPECT_EQ(f.backend.ran.size(), keepGoing ? 2u : 1u);
    EXPECT_EQ(f.sink.all<RunFinished>().at(0).skipped, keepGoing ? 0u : 1u);
  }
}

TEST(Session, SecretsAreSealedNeverJournaledNorTold) {
  const std::string secret = "hunter2-the-generated-token";
  const std::string param = "param-secret-4711";
  TempDir dir;
  RunProgram program;
  ResourceSpec spec;
  spec.kind = "token";
  spec.userKind = true;
  spec.apply.parts = {{false, "make-token"}};
  spec.secretOutputs = {"token"};
  spec.outputs = {{"token", "secret"}, {"id", "string"}};
  program.resources.push_back(spec);
  Job job;
  job.name = "tok";
  job.target = "local";
  job.kind = JobKind::Resource;
  job.resource = 0;
  program.jobs.push_back(job);
  program.secrets = {param};
  std::string runId;
  {
    Fixture f(dir);
    CommandResult printed;
    printed.stdoutTail = "{\"token\": \"" + secret + "\", \"id\": \"t-1\"}\n";
    printed.stderrTail = "made " + secret + " with " + param + "\n";
    f.backend.results["tok"] = {printed};
    ASSERT_TRUE(f.open().ok());
    RunRequest request;
    request.invocation = {{"secret_params", {"password"}}};
    request.secretParams = {{"password", param}};
    RunResult r = f.run(program, std::move(request));
    ASSERT_EQ(r.exitCode, 0) << r.error;
    runId = f.session->runId();
    // Not in any event, nor in any line --json would print.
    for (const auto& e : f.sink.all<JobFinished>()) {
      EXPECT_EQ(e.stdoutTail.find(secret), std::string::npos);
      EXPECT_EQ(e.stderrTail.find(secret), std::string::npos);
      EXPECT_EQ(e.stderrTail.find(param), std::string::npos);
      EXPECT_NE(e.stdoutTail.find("(sensitive)"), std::string::npos);
    }
    ASSERT_FALSE(f.sink.lines.empty());
    for (const auto& line : f.sink.lines) {
      EXPECT_EQ(line.find(secret), std::string::npos) << line;
      EXPECT_EQ(line.find(param), std::string::npos) << line;
    }
  }
  // Nowhere in the journal's bytes (the database, its WAL).
  std::string journalBytes = stateBytes(dir.path / "state", "state.db");
  ASSERT_FALSE(journalBytes.empty());
  EXPECT_EQ(journalBytes.find(secret), std::string::npos);
  EXPECT_EQ(journalBytes.find(param), std::string::npos);
  EXPECT_NE(journalBytes.find("t-1"), std::string::npos);  // the plain output is journaled
  // Sealed: in the secret store, and not in clear there either.
  EXPECT_EQ(stateBytes(dir.path / "state", "secrets.db").find(secret), std::string::npos);
  auto store = store::SecretStore::open((dir.path / "state").string(), false);
  ASSERT_TRUE(store);
  EXPECT_EQ(store->get("out/" + runId + "/0/token"), secret);
  EXPECT_EQ(store->get("param/" + runId + "/password"), param);
}

TEST(Session, ResumeUnsealsSecretOutputsOfRestoredJobs) {
  const std::string secret = "restored-secret-output-99";
  TempDir dir;
  RunProgram program;
  ResourceSpec spec;
  spec.kind = "token";
  spec.userKind = true;
  spec.apply.parts = {{false, "make-token"}};
  spec.secretOutputs = {"token"};
  spec.outputs = {{"token", "secret"}, {"id", "string"}};
  program.resources.push_back(spec);
  Job tok;
  tok.name = "tok";
  tok.target = "local";
  tok.kind = JobKind::Resource;
  tok.resource = 0;
  tok.successors = {1};
  program.jobs = {tok, command("use", "use-token")};
  program.jobs[1].predecessors = 1;
  {
    Fixture f(dir);
    CommandResult printed;
    printed.stdoutTail = "{\"token\": \"" + secret + "\", \"id\": \"t1\"}";
    f.backend.results["tok"] = {printed};
    f.backend.results["use"] = {exitWith(1)};
    ASSERT_TRUE(f.open().ok());
    EXPECT_EQ(f.run(program).status, "failed");
  }
  Fixture f(dir);
  f.options.resume = true;
  CommandResult leaks;
  leaks.stdoutTail = "using " + secret + "\n";
  f.backend.results["use"] = {leaks};
  ASSERT_TRUE(f.open().ok());
  RunResult r = f.run(program);
  EXPECT_EQ(r.status, "done") << r.error;
  EXPECT_EQ(f.backend.ran, (std::vector<std::string>{"local/use: use-token"}));
  // The redactor learnt the restored secret from the secret store.
  auto finished = f.sink.all<JobFinished>();
  ASSERT_EQ(finished.size(), 1u);
  EXPECT_EQ(finished[0].stdoutTail, "using (sensitive)\n");
}

TEST(Session, ResumeUnsealsSecretParams) {
  TempDir dir;
  {
    Fixture f(dir);
    f.backend.results["b"] = {exitWith(1)};
    ASSERT_TRUE(f.open().ok());
    RunRequest request;
    request.invocation = {{"secret_params", {"password"}}};
    request.secretParams = {{"password", "sealed-value-123"}};
    EXPECT_EQ(f.run(chain(), std::move(request)).status, "failed");
  }
  Fixture f(dir);
  f.options.resume = true;
  ASSERT_TRUE(f.open().ok());
  ASSERT_TRUE(f.session->resumable());
  EXPECT_EQ(f.session->resumable()->secretParams, (Values{{"password", "sealed-value-123"}}));
}

TEST(Session, CancelStopsStartingAndTheRunIsInterrupted) {
  TempDir dir;
  Fixture f(dir);
  ASSERT_TRUE(f.open().ok());
  RunProgram p;
  p.jobs = {command("a", "x"), command("b", "y"), command("c", "z")};
  f.backend.onRun = [&](const CommandSpec& spec) {
    if (spec.node == "a") f.session->cancel();
  };
  RunResult r = f.run(p);
  EXPECT_EQ(r.exitCode, 130);
  EXPECT_EQ(r.status, "interrupted");
  EXPECT_EQ(f.backend.ran, (std::vector<std::string>{"local/a: x"}));
  EXPECT_EQ(f.backend.kills, 0);
  auto notices = f.sink.all<Notice>();
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].text,
            "magicc: interrupted: waiting for 1 running commands (interrupt again to kill them)");
  auto end = f.sink.all<RunFinished>();
  ASSERT_EQ(end.size(), 1u);
  EXPECT_TRUE(end[0].interrupted);
  EXPECT_EQ(end[0].skipped, 2u);  // never run
  f.session.reset();
  auto journal = store::Journal::open(f.options.statePath);
  EXPECT_EQ(journal->lastRun(f.options.program)->status, "interrupted");
}

TEST(Session, ASecondCancelKills) {
  TempDir dir;
  Fixture f(dir);
  ASSERT_TRUE(f.open().ok());
  RunProgram p;
  p.jobs = {command("a", "sleep 1000"), command("b", "y")};
  f.backend.hold = {"a"};
  f.backend.onRun = [&](const CommandSpec&) {
    f.session->cancel();
    asio::post(f.io, [&] { f.session->cancel(); });
  };
  RunResult r = f.run(p);
  EXPECT_EQ(f.backend.kills, 1);
  EXPECT_EQ(r.exitCode, 130);
  EXPECT_EQ(r.status, "interrupted");
  auto finished = f.sink.all<JobFinished>();
  ASSERT_EQ(finished.size(), 1u);
  EXPECT_EQ(finished[0].state, State::Failed);
  // The operator's doing, told apart from a command that failed.
  EXPECT_TRUE(finished[0].stopped);
  EXPECT_EQ(finished[0].reason, "interrupted twice: its processes were killed");
}

TEST(Session, UnreachableHostsStopTheRunUnlessSkipped) {
  for (bool skip : {false, true}) {
    TempDir dir;
    Fixture f(dir);
    f.options.skipUnreachable = skip;
    f.backend.remote = {"web1", "web2"};
    f.backend.unreachable = {{"web2", "Connection refused"}};
    ASSERT_TRUE(f.open().ok());
    ConnectResult c = f.session->connect(f.backend, {"web1", "web2"});
    EXPECT_EQ(c.unreachable, (std::set<std::string>{"web2"}));
    auto events = f.sink.all<HostUnreachable>();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].host, "web2");
    EXPECT_EQ(events[0].error, "Connection refused");
    EXPECT_EQ(events[0].fatal, !skip);
    if (skip) {
      EXPECT_TRUE(c.ok());
      EXPECT_EQ(f.backend.shutdowns, 0);
    } else {
      EXPECT_EQ(c.exitCode, 1);
      EXPECT_EQ(c.error,
                "1 of 2 hosts cannot be reached; nothing was run (--skip-unreachable runs on "
                "without them)");
      EXPECT_EQ(f.backend.shutdowns, 1);
    }
  }
  TempDir dir;
  Fixture f(dir);
  f.options.skipUnreachable = true;
  f.backend.remote = {"web1"};
  f.backend.unreachable = {{"web1", "timed out"}};
  ASSERT_TRUE(f.open().ok());
  ConnectResult c = f.session->connect(f.backend, {"web1"});
  EXPECT_EQ(c.exitCode, 1);
  EXPECT_EQ(c.error, "no host can be reached; nothing was run");
}

TEST(Session, CancelWhileConnectingRunsNothing) {
  TempDir dir;
  Fixture f(dir);
  f.backend.remote = {"web1"};
  ASSERT_TRUE(f.open().ok());
  // The answer comes after the interrupt.
  asio::post(f.io, [&] { f.session->cancel(); });
  ConnectResult c = f.session->connect(f.backend, {"web1"});
  EXPECT_EQ(c.exitCode, 130);
  EXPECT_EQ(f.backend.kills, 1);
  EXPECT_EQ(f.backend.shutdowns, 1);
  auto notices = f.sink.all<Notice>();
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].text, "magicc: interrupted while connecting; nothing was run");
}

TEST(Session, JobsDefaultToTenWithRemoteHosts) {
  TempDir dir;
  Fixture f(dir);
  f.options.jobs = 0;
  f.backend.remote = {"h0", "h1", "h2"};
  RunProgram p = stage(3, 0);
  std::size_t most = 0, now = 0;
  f.backend.hold = {"t"};
  f.backend.onRun = [&](const CommandSpec& spec) {
    if (spec.node != "t") return;
    most = std::max(most, ++now);
    // Once all three run at once, let them end.
    if (now == 3) {
      auto held = std::move(f.backend.held);
      for (auto& done : held) asio::post(f.io, [done] { done(CommandResult{}); });
    }
  };
  ASSERT_TRUE(f.open().ok());
  RunResult r = f.run(p);
  EXPECT_EQ(r.exitCode, 0) << r.error;
  EXPECT_EQ(most, 3u);
}

TEST(EventJson, AFailedFinishIsTodaysLineWithSecretsHidden) {
  RunProgram p;
  p.jobs = {command("deploy", "x", "web")};
  Redactor redactor;
  redactor.add("secret-abcd");
  JobFinished e;
  e.time = 1.5;
  e.state = State::Failed;
  e.hasResult = true;
  e.reason = "exit 3";
  e.stderrTail = "oops secret-abcd\n";
  e.seconds = 0.25;
  auto json = eventJson(e, p);
  ASSERT_TRUE(json);
  EXPECT_EQ(eventJsonLine(*json, redactor),
            "{\"event\":\"finish\",\"time\":\"1970-01-01T00:00:01.500Z\",\"node\":\"deploy\","
            "\"host\":\"web\","
            "\"state\":\"FAILED\",\"changed\":false,\"seconds\":0.25,\"reason\":\"exit 3\","
            "\"stderr\":\"oops (sensitive)\"}");
  // Not part of the stream: the console says them on stderr.
  EXPECT_FALSE(eventJson(Notice{"magicc: interrupted"}, p));
  EXPECT_FALSE(eventJson(JobRestored{0, State::Complete}, p));
}

}  // namespace
}  // namespace magicc::runtime
