// The resource runner against a fake backend: an in-memory file system and
// scripted command results per host, every callback completed on the next
// turn of the loop. What each kind checks and applies, in which order, what
// it reports and what the audit log gets, without a process or a file (the
// lit tests under test/lit/run and test/lit/ssh do the same for real).
#include "resources/ResourceRunner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <map>
#include <memory>
#include <optional>

#include "backends/LocalFiles.h"
#include "engine/Redactor.h"

namespace magicc::runtime {
namespace {

namespace asio = boost::asio;

struct FakeFile {
  std::string content;
  unsigned mode = 0644;
  bool regular = true;
};

// One host: files in a map, commands answered by `answer` (exit 0 and no
// output when it has nothing to say), and a log of every operation asked.
class FakeHost final : public HostOps {
 public:
  FakeHost(asio::io_context& io, std::string name) : io_(io), name_(std::move(name)) {}
  const std::string& name() const override { return name_; }
  bool local() const override { return false; }

  void run(const CommandSpec& spec, std::function<void(CommandResult)> done) override {
    commands.push_back(spec);
    log.push_back("run " + spec.command);
    CommandResult r = answer ? answer(spec) : CommandResult{};
    asio::post(io_, [done = std::move(done), r] { done(r); });
  }
  void stat(const OpContext& context, const std::string& path, FileDigest digest,
            std::function<void(FileState, OpStatus)> done) override {
    contexts.push_back(context);
    log.push_back(std::string("stat ") + path + (digest == FileDigest::Sha256 ? " sha256" : ""));
    FileState st;
    OpStatus status;
    if (statError)
      status = *statError;
    else if (auto it = files.find(path); it != files.end()) {
      st.exists = true;
      st.regular = it->second.regular;
      st.mode = it->second.mode;
      if (st.regular && digest == FileDigest::Sha256) st.sha256 = sha256Hex(it->second.content);
    }
    asio::post(io_, [done = std::move(done), st, status] { done(st, status); });
  }
  void put(const OpContext& context, const FileWrite& write,
           std::function<void(OpStatus)> done) override {
    contexts.push_back(context);
    log.push_back((write.modeOnly ? "chmod " : "put ") + write.path);
    change(context, "write", write.summary, [&] {
      FakeFile& f = files[write.path];
      if (!write.modeOnly) f.content = write.content;
      f.mode = write.mode;
    });
    asio::post(io_, [done = std::move(done), s = putStatus] { done(s); });
  }
  void read(const OpContext& context, const std::string& path, std::size_t limit,
            std::function<void(FileContent, OpStatus)> done) override {
    contexts.push_back(context);
    log.push_back("read " + path);
    FileContent content;
    if (auto it = files.find(path); it != files.end() && it->second.regular) {
      content.regular = true;
      if (it->second.content.size() > limit)
        content.tooLarge = true;
      else
        content.bytes = it->second.content;
    }
    asio::post(io_, [done = std::move(done), content] { done(content, OpStatus{}); });
  }
  void remove(const OpContext& context, const std::string& path,
              std::function<void(OpStatus)> done) override {
    contexts.push_back(context);
    log.push_back("remove " + path);
    change(context, "remove", path, [&] { files.erase(path); });
    asio::post(io_, [done = std::move(done)] { done(OpStatus{}); });
  }
  void call(const OpContext&, const std::string&, const nlohmann::json&,
            std::function<void(nlohmann::json, std::string)> done) override {
    asio::post(io_, [done = std::move(done), why = noAgentError(name_)] { done(nullptr, why); });
  }

  std::map<std::string, FakeFile> files;
  std::function<CommandResult(const CommandSpec&)> answer;
  std::optional<OpStatus> statError;
  OpStatus putStatus;
  std::vector<std::string> log;
  std::vector<CommandSpec> commands;
  std::vector<OpContext> contexts;

 private:
  // Audited in the caller's words, as the local backend does.
  void change(const OpContext& context, const std::string& action, const std::string& arguments,
              const std::function<void()>& work) {
    ActionRecord record{name_, context.node, action, arguments};
    record.result = "start";
    if (context.audit) context.audit(record);
    if (putStatus.ok()) work();
    record.ok = putStatus.ok();
    record.result = putStatus.ok() ? "ok" : describeFailure(putStatus);
    if (context.audit) context.audit(record);
  }

  asio::io_context& io_;
  std::string name_;
};

class FakeBackend final : public Backend {
 public:
  explicit FakeBackend(asio::io_context& io) : io_(io) {}
  void connect(const std::vector<std::string>& hosts,
               std::function<void(std::map<std::string, HostReach>)> done) override {
    std::map<std::string, HostReach> reach;
    for (const auto& h : hosts) reach[h].ok = true;
    asio::post(io_, [done = std::move(done), reach] { done(reach); });
  }
  HostOps& host(const std::string& name) override { return fake(name); }
  FakeHost& fake(const std::string& name) {
    auto& h = hosts_[name];
    if (!h) h = std::make_unique<FakeHost>(io_, name);
    return *h;
  }
  void killAll() override { ++kills; }
  void shutdown() override {}
  int kills = 0;

 private:
  asio::io_context& io_;
  std::map<std::string, std::unique_ptr<FakeHost>> hosts_;
};

CommandTemplate literal(const std::string& text) {
  CommandTemplate t;
  t.parts.push_back({false, text});
  return t;
}

CommandResult exitWith(int code, std::string out = "") {
  CommandResult r;
  r.exitCode = code;
  r.stdoutTail = std::move(out);
  return r;
}

// One resource (or command) job on host "web1", run to its end.
struct Fixture {
  asio::io_context io;
  FakeBackend backend{io};
  FakeHost& host = backend.fake("web1");
  Redactor redactor;
  std::vector<ResourceSpec> resources;
  std::vector<ActionRecord> audit;
  bool checkOnly = false;
  bool diff = false;

  CommandResult start(const Job& job, StartContext context = {}) {
    ResourceRunnerOptions options;
    options.runId = "run-42";
    options.checkOnly = checkOnly;
    options.diff = diff;
    options.audit = [this](const ActionRecord& r) { audit.push_back(r); };
    ResourceRunner runner(io, backend, resources, redactor, options);
    std::optional<CommandResult> result;
    runner.start(job, context, [&](CommandResult r) { result = std::move(r); });
    EXPECT_FALSE(result) << "done was called from inside start()";
    io.run();
    io.restart();
    EXPECT_TRUE(result) << "done was never called";
    return result.value_or(CommandResult{});
  }
  CommandResult resource(const std::string& kind, Values inputs, StartContext context = {}) {
    ResourceSpec spec;
    spec.kind = kind;
    spec.inputs = std::move(inputs);
    return resourceSpec(std::move(spec), std::move(context));
  }
  CommandResult resourceSpec(ResourceSpec spec, StartContext context = {}) {
    resources = {std::move(spec)};
    Job job;
    job.name = "node";
    job.target = "web1";
    job.kind = JobKind::Resource;
    job.resource = 0;
    return start(job, std::move(context));
  }
  // "action arguments result" per audit record.
  std::vector<std::string> auditLines() const {
    std::vector<std::string> out;
    for (const auto& r : audit) out.push_back(r.action + " " + r.arguments + " " + r.result);
    return out;
  }
};

const std::string kContent = "name=web1\n";

// --- file -----------------------------------------------------------------

TEST(ResourceRunnerFile, CreatesAMissingFileWithItsModeAndAuditsTheWrite) {
  Fixture f;
  auto r = f.resource("file", {{"path", "/etc/app.conf"}, {"content", kContent}, {"mode", "0640"}});
  EXPECT_TRUE(r.ok()) << describeFailure(r);
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(r.action, "created");
  ASSERT_EQ(r.outs.size(), 1u);
  EXPECT_EQ(r.outs[0], (std::pair<std::string, std::string>("checksum", sha256Hex(kContent))));
  ASSERT_TRUE(f.host.files.count("/etc/app.conf"));
  EXPECT_EQ(f.host.files["/etc/app.conf"].content, kContent);
  EXPECT_EQ(f.host.files["/etc/app.conf"].mode, 0640u);
  EXPECT_EQ(f.host.log,
            (std::vector<std::string>{"stat /etc/app.conf sha256", "put /etc/app.conf"}));
  std::string summary = "/etc/app.conf mode 0640 sha256 " + sha256Hex(kContent);
  EXPECT_EQ(f.auditLines(),
            (std::vector<std::string>{"write " + summary + " start", "write " + summary + " ok"}));
  for (const auto& a : f.audit) {
    EXPECT_EQ(a.host, "web1");
    EXPECT_EQ(a.node, "node");
  }
  // The run id travels with every request.
  for (const auto& c : f.host.contexts) EXPECT_EQ(c.runId, "run-42");
  // No command ran: the content was never on a command line.
  EXPECT_TRUE(f.host.commands.empty());
}

TEST(ResourceRunnerFile, RewritesOtherContent) {
  Fixture f;
  f.host.files["/etc/app.conf"] = {"old\n", 0640};
  auto r = f.resource("file", {{"path", "/etc/app.conf"}, {"content", kContent}, {"mode", "0640"}});
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.action, "rewritten");
  EXPECT_EQ(f.host.files["/etc/app.conf"].content, kContent);
  EXPECT_EQ(f.host.log.back(), "put /etc/app.conf");
}

TEST(ResourceRunnerFile, OnlyTheModeChangesWhenOnlyTheModeDiffers) {
  Fixture f;
  f.host.files["/etc/app.conf"] = {kContent, 0644};
  auto r = f.resource("file", {{"path", "/etc/app.conf"}, {"content", kContent}, {"mode", "0600"}});
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(r.action, "mode set");
  EXPECT_EQ(f.host.log.back(), "chmod /etc/app.conf");
  EXPECT_EQ(f.host.files["/etc/app.conf"].mode, 0600u);
  ASSERT_EQ(f.audit.size(), 2u);
  EXPECT_EQ(f.audit[0].action, "write");
}

TEST(ResourceRunnerFile, InStateChangesNothingAndAuditsNothing) {
  Fixture f;
  f.host.files["/etc/app.conf"] = {kContent, 0644};
  auto r = f.resource("file", {{"path", "/etc/app.conf"}, {"content", kContent}});
  EXPECT_TRUE(r.ok());
  EXPECT_FALSE(r.changed);
  EXPECT_EQ(r.action, "in state");
  ASSERT_EQ(r.outs.size(), 1u);
  EXPECT_EQ(r.outs[0].second, sha256Hex(kContent));
  EXPECT_EQ(f.host.log, (std::vector<std::string>{"stat /etc/app.conf sha256"}));
  EXPECT_TRUE(f.audit.empty());
}

TEST(ResourceRunnerFile, RemovesAFileThatMustBeAbsent) {
  Fixture f;
  f.host.files["/etc/old.conf"] = {"x", 0644};
  auto r = f.resource("file", {{"path", "/etc/old.conf"}, {"state", "absent"}});
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(r.action, "removed");
  EXPECT_TRUE(r.outs.empty());
  EXPECT_FALSE(f.host.files.count("/etc/old.conf"));
  EXPECT_EQ(f.auditLines(),
            (std::vector<std::string>{"remove /etc/old.conf start", "remove /etc/old.conf ok"}));
  // Absent already: in state.
  Fixture g;
  auto again = g.resource("file", {{"path", "/etc/old.conf"}, {"state", "absent"}});
  EXPECT_FALSE(again.changed);
  EXPECT_EQ(again.action, "in state");
}

TEST(ResourceRunnerFile, CheckOnlySaysWhatWouldChangeAndTouchesNothing) {
  struct Case {
    std::optional<FakeFile> there;
    Values inputs;
    std::string action;
  };
  std::vector<Case> cases = {
      {std::nullopt, {{"path", "/p"}, {"content", "a"}}, "would create"},
      {FakeFile{"b", 0644}, {{"path", "/p"}, {"content", "a"}}, "would rewrite"},
      {FakeFile{"a", 0644}, {{"path", "/p"}, {"content", "a"}, {"mode", "0600"}}, "would chmod"},
      {FakeFile{"a", 0644}, {{"path", "/p"}, {"state", "absent"}}, "would remove"},
      {FakeFile{"a", 0644}, {{"path", "/p"}, {"content", "a"}}, "in state"},
  };
  for (const auto& c : cases) {
    Fixture f;
    f.checkOnly = true;
    if (c.there) f.host.files["/p"] = *c.there;
    auto r = f.resource("file", c.inputs);
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(r.action, c.action);
    EXPECT_EQ(r.changed, c.action != "in state");
    EXPECT_EQ(f.host.log.size(), 1u) << c.action << ": only the stat";
    EXPECT_TRUE(f.audit.empty());
    if (c.there) {
      EXPECT_EQ(f.host.files["/p"].content, c.there->content);
    }
  }
}

TEST(ResourceRunnerFile, RefusesWhatIsNotARegularFile) {
  Fixture f;
  f.host.files["/etc/conf.d"] = {"", 0755, false};
  auto r = f.resource("file", {{"path", "/etc/conf.d"}, {"content", "x"}});
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error, "'/etc/conf.d' exists and is not a regular file");
  EXPECT_EQ(f.host.log.size(), 1u);
}

TEST(ResourceRunnerFile, BadInputsFailBeforeTouchingTheHost) {
  Fixture f;
  auto relative = f.resource("file", {{"path", "etc/app.conf"}, {"content", "x"}});
  EXPECT_EQ(relative.error, "path 'etc/app.conf' is not absolute");
  auto mode = f.resource("file", {{"path", "/etc/app.conf"}, {"mode", "rw-r--r--"}});
  EXPECT_EQ(mode.error, "mode 'rw-r--r--' is not an octal mode like 0644");
  EXPECT_TRUE(f.host.log.empty());
}

TEST(ResourceRunnerFile, AFailingCheckOrWriteFailsTheJobWithItsReason) {
  Fixture f;
  CommandResult lost;
  lost.exitCode = 255;
  lost.failedToStart = true;
  lost.error = "ssh: connection refused";
  f.host.statError = lost;
  auto r = f.resource("file", {{"path", "/p"}, {"content", "x"}});
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(describeFailure(r), "ssh: connection refused");
  EXPECT_EQ(f.host.log.size(), 1u);

  Fixture g;
  g.host.putStatus = exitWith(1);
  g.host.putStatus.stderrTail = "mv: cannot move\n";
  auto w = g.resource("file", {{"path", "/p"}, {"content", "x"}});
  EXPECT_FALSE(w.ok());
  EXPECT_EQ(w.exitCode, 1);
  EXPECT_EQ(w.stderrTail, "mv: cannot move\n");
  ASSERT_EQ(g.audit.size(), 2u);
  EXPECT_EQ(g.audit[1].result, "exit 1");
  EXPECT_FALSE(g.audit[1].ok);
}

TEST(ResourceRunnerFile, SecretContentIsAuditedAsAKeyedHashOnly) {
  Fixture f;
  ResourceSpec spec;
  spec.kind = "file";
  spec.inputs = {{"path", "/etc/token"}, {"content", "hunter2hunter2"}, {"mode", "0600"}};
  spec.secretOutputs = {"checksum"};
  auto r = f.resourceSpec(spec);
  EXPECT_TRUE(r.ok());
  ASSERT_EQ(f.audit.size(), 2u);
  // Without a secret store there is no key: the content is only named.
  EXPECT_EQ(f.audit[0].arguments, "/etc/token mode 0600 content (sensitive)");
  EXPECT_EQ(f.audit[0].arguments.find(sha256Hex("hunter2hunter2")), std::string::npos);
  // The checksum output is a secret now: redacted wherever it shows.
  EXPECT_EQ(f.redactor.redact(sha256Hex("hunter2hunter2")), "(sensitive)");
}

// --- file --diff ----------------------------------------------------------

TEST(ResourceRunnerFileDiff, ARewriteShowsAUnifiedDiffOfWhatWasThere) {
  Fixture f;
  f.diff = true;
  f.host.files["/etc/app.conf"] = {"a\nold\nc\n", 0644};
  auto r = f.resource("file", {{"path", "/etc/app.conf"}, {"content", "a\nnew\nc\n"}});
  EXPECT_TRUE(r.ok()) << describeFailure(r);
  EXPECT_EQ(r.diff,
            "--- before: /etc/app.conf (web1)\n+++ after: /etc/app.conf (web1)\n"
            "@@ -1,3 +1,3 @@\n a\n-old\n+new\n c\n");
  EXPECT_EQ(f.host.log, (std::vector<std::string>{"stat /etc/app.conf sha256", "read /etc/app.conf",
                                                  "put /etc/app.conf"}));
}

TEST(ResourceRunnerFileDiff, CheckOnlyShowsTheDiffAndWritesNothing) {
  Fixture f;
  f.diff = true;
  f.checkOnly = true;
  f.host.files["/etc/app.conf"] = {"old\n", 0644};
  auto r = f.resource("file", {{"path", "/etc/app.conf"}, {"content", "new\n"}});
  EXPECT_EQ(r.action, "would rewrite");
  EXPECT_NE(r.diff.find("@@ -1 +1 @@\n-old\n+new\n"), std::string::npos) << r.diff;
  EXPECT_EQ(f.host.files["/etc/app.conf"].content, "old\n");
}

TEST(ResourceRunnerFileDiff, CreatedAndRemovedFilesDiffAgainstNothing) {
  Fixture f;
  f.diff = true;
  auto created = f.resource("file", {{"path", "/etc/new.conf"}, {"content", "x\ny\n"}});
  EXPECT_NE(created.diff.find("(created)\n@@ -0,0 +1,2 @@\n+x\n+y\n"), std::string::npos)
      << created.diff;
  // Nothing was there to read.
  EXPECT_EQ(std::count(f.host.log.begin(), f.host.log.end(), "read /etc/new.conf"), 0);
  auto removed = f.resource("file", {{"path", "/etc/new.conf"}, {"state", "absent"}});
  EXPECT_NE(removed.diff.find("(removed)\n@@ -1,2 +0,0 @@\n-x\n-y\n"), std::string::npos)
      << removed.diff;
}

TEST(ResourceRunnerFileDiff, AModeChangeIsOneLineAndReadsNothing) {
  Fixture f;
  f.diff = true;
  f.host.files["/etc/app.conf"] = {kContent, 0644};
  auto r = f.resource("file", {{"path", "/etc/app.conf"}, {"content", kContent}, {"mode", "0600"}});
  EXPECT_EQ(r.diff,
            "--- before: /etc/app.conf (web1)\n+++ after: /etc/app.conf (web1)\n"
            "mode 0644 -> 0600\n");
  EXPECT_EQ(std::count(f.host.log.begin(), f.host.log.end(), "read /etc/app.conf"), 0);
}

TEST(ResourceRunnerFileDiff, SecretContentIsCountedNeverShown) {
  Fixture f;
  f.diff = true;
  f.host.files["/etc/token"] = {"oldtoken1\n", 0600};
  ResourceSpec spec;
  spec.kind = "file";
  spec.inputs = {{"path", "/etc/token"}, {"content", "hunter2hunter2\n"}, {"mode", "0600"}};
  spec.secretOutputs = {"checksum"};  // lowering says: the content comes from a secret
  auto r = f.resourceSpec(spec);
  EXPECT_EQ(r.diff.find("hunter2"), std::string::npos) << r.diff;
  EXPECT_EQ(r.diff.find("oldtoken1"), std::string::npos) << r.diff;
  EXPECT_NE(r.diff.find("(content is secret: 2 lines changed)"), std::string::npos) << r.diff;
}

TEST(ResourceRunnerFileDiff, ContentHoldingAKnownSecretIsNotShown) {
  Fixture f;
  f.diff = true;
  f.redactor.add("s3cr3t-value");
  // Literal content is shown, unless a secret the run knows is in it, after or before.
  auto shown = f.resource("file", {{"path", "/etc/a"}, {"content", "plain\n"}});
  EXPECT_NE(shown.diff.find("+plain\n"), std::string::npos);
  auto after = f.resource("file", {{"path", "/etc/b"}, {"content", "pw=s3cr3t-value\n"}});
  EXPECT_NE(after.diff.find("(content is secret: 1 line changed)"), std::string::npos)
      << after.diff;
  f.host.files["/etc/c"] = {"pw=s3cr3t-value\n", 0644};
  auto before = f.resource("file", {{"path", "/etc/c"}, {"content", "pw=other\n"}});
  EXPECT_EQ(before.diff.find("s3cr3t"), std::string::npos) << before.diff;
  EXPECT_EQ(before.diff.find("pw=other"), std::string::npos) << before.diff;
}

TEST(ResourceRunnerFileDiff, LargeOrBinaryContentIsNotShown) {
  Fixture f;
  f.diff = true;
  f.host.files["/var/big"] = {std::string(70 * 1024, 'x'), 0644};
  auto big = f.resource("file", {{"path", "/var/big"}, {"content", "small\n"}});
  EXPECT_NE(big.diff.find("(binary or larger than 64 KiB: not shown)"), std::string::npos);
  f.host.files["/var/bin"] = {std::string("a\0b", 3), 0644};
  auto binary = f.resource("file", {{"path", "/var/bin"}, {"content", "text\n"}});
  EXPECT_NE(binary.diff.find("(binary or larger than 64 KiB: not shown)"), std::string::npos);
}

TEST(ResourceRunnerFileDiff, NoDiffWithoutTheOptionOrWithoutAChange) {
  Fixture f;
  f.host.files["/etc/app.conf"] = {"old\n", 0644};
  auto r = f.resource("file", {{"path", "/etc/app.conf"}, {"content", "new\n"}});
  EXPECT_TRUE(r.diff.empty());
  EXPECT_EQ(std::count(f.host.log.begin(), f.host.log.end(), "read /etc/app.conf"), 0);
  f.diff = true;
  auto same = f.resource("file", {{"path", "/etc/app.conf"}, {"content", "new\n"}});
  EXPECT_FALSE(same.changed);
  EXPECT_TRUE(same.diff.empty());
}

// --- exec -----------------------------------------------------------------

ResourceSpec execSpec(Values inputs) {
  ResourceSpec spec;
  spec.kind = "exec";
  spec.inputs = std::move(inputs);
  spec.command = literal("make install");
  return spec;
}

TEST(ResourceRunnerExec, CreatesThatExistsIsInStateWithoutRunning) {
  Fixture f;
  f.host.files["/opt/app/bin/app"] = {"binary", 0755};
  auto r = f.resourceSpec(execSpec({{"creates", "/opt/app/bin/app"}}));
  EXPECT_TRUE(r.ok());
  EXPECT_FALSE(r.changed);
  EXPECT_EQ(r.action, "in state");
  // A stat that does not read the content.
  EXPECT_EQ(f.host.log, (std::vector<std::string>{"stat /opt/app/bin/app"}));
}

TEST(ResourceRunnerExec, CreatesThatIsMissingRunsTheCommand) {
  Fixture f;
  f.host.answer = [](const CommandSpec&) { return exitWith(0, "built\n"); };
  auto r = f.resourceSpec(execSpec({{"creates", "/opt/app/bin/app"}}));
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(r.action, "ran");
  EXPECT_EQ(f.host.log, (std::vector<std::string>{"stat /opt/app/bin/app", "run make install"}));
  EXPECT_EQ(r.outs, (Values{{"exit_code", "0"}, {"stdout", "built"}}));
  EXPECT_EQ(f.host.commands[0].runId, "run-42");
  EXPECT_EQ(f.host.commands[0].host, "web1");
  EXPECT_EQ(f.auditLines(),
            (std::vector<std::string>{"apply make install start", "apply make install ok"}));
}

TEST(ResourceRunnerExec, RefreshOnlyRunsOnlyWhenRefreshed) {
  Fixture f;
  auto quiet = f.resourceSpec(execSpec({{"refresh_only", "true"}}));
  EXPECT_EQ(quiet.action, "in state");
  EXPECT_TRUE(f.host.log.empty());
  StartContext refreshed;
  refreshed.refreshed = true;
  auto r = f.resourceSpec(execSpec({{"refresh_only", "true"}}), refreshed);
  EXPECT_EQ(r.action, "ran (refreshed)");
  ASSERT_EQ(f.audit.size(), 2u);
  EXPECT_EQ(f.audit[0].action, "refresh");
  // --check: it would run, and runs nothing.
  Fixture g;
  g.checkOnly = true;
  auto check = g.resourceSpec(execSpec({{"refresh_only", "true"}}), refreshed);
  EXPECT_EQ(check.action, "would run (refreshed)");
  EXPECT_TRUE(g.host.commands.empty());
}

TEST(ResourceRunnerExec, AFailingCreatesCheckFailsTheJob) {
  Fixture f;
  CommandResult timedOut;
  timedOut.timedOut = true;
  f.host.statError = timedOut;
  auto r = f.resourceSpec(execSpec({{"creates", "/x"}}));
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(r.timedOut);
  EXPECT_TRUE(f.host.commands.empty());
}

// --- pkg, svc -------------------------------------------------------------

TEST(ResourceRunnerPkg, InstallsWhatTheCheckDoesNotFind) {
  Fixture f;
  f.host.answer = [](const CommandSpec& spec) {
    return spec.command.rfind("dpkg-query", 0) == 0 ? exitWith(1) : exitWith(0);
  };
  auto r = f.resource("pkg", {{"name", "nginx"}});
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.action, "installed");
  ASSERT_EQ(f.host.commands.size(), 2u);
  EXPECT_EQ(f.host.commands[0].command, "dpkg-query -W -f='${Status}' \"${MAGICC_ARG_0}\"");
  EXPECT_EQ(f.host.commands[1].command,
            "DEBIAN_FRONTEND=noninteractive apt-get install -y -q \"${MAGICC_ARG_0}\"");
  EXPECT_EQ(f.host.commands[1].env, (Values{{"MAGICC_ARG_0", "nginx"}}));
  EXPECT_EQ(f.auditLines(),
            (std::vector<std::string>{
                "check dpkg-query -W -f='${Status}' nginx start",
                "check dpkg-query -W -f='${Status}' nginx exit 1",
                "apply DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx start",
                "apply DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx ok"}));
}

TEST(ResourceRunnerPkg, InstalledIsInStateAndCheckOnlyRunsOnlyTheCheck) {
  Fixture f;
  f.host.answer = [](const CommandSpec&) { return exitWith(0, "install ok installed"); };
  auto r = f.resource("pkg", {{"name", "nginx"}});
  EXPECT_EQ(r.action, "in state");
  EXPECT_EQ(f.host.commands.size(), 1u);
  Fixture g;
  g.checkOnly = true;
  g.host.answer = [](const CommandSpec&) { return exitWith(1); };
  auto check = g.resource("pkg", {{"name", "nginx"}});
  EXPECT_EQ(check.action, "would install");
  EXPECT_EQ(g.host.commands.size(), 1u);
}

TEST(ResourceRunnerPkg, ACheckThatCannotRunFailsTheJob) {
  Fixture f;
  f.host.answer = [](const CommandSpec&) {
    CommandResult r;
    r.signal = 9;
    return r;
  };
  auto r = f.resource("pkg", {{"name", "nginx"}});
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(describeFailure(r), "killed by signal 9");
  EXPECT_EQ(f.host.commands.size(), 1u);
}

TEST(ResourceRunnerSvc, StartsAStoppedServiceAndRestartsOnRefresh) {
  Fixture f;
  f.host.answer = [](const CommandSpec& spec) {
    return spec.command.find("is-active") != std::string::npos ? exitWith(3) : exitWith(0);
  };
  auto r = f.resource("svc", {{"name", "nginx"}});
  EXPECT_EQ(r.action, "started");
  ASSERT_EQ(f.host.commands.size(), 2u);
  EXPECT_NE(f.host.commands[1].command.find("systemctl start"), std::string::npos);

  Fixture g;
  StartContext refreshed;
  refreshed.refreshed = true;
  auto restart = g.resource("svc", {{"name", "nginx"}}, refreshed);
  EXPECT_EQ(restart.action, "restarted");
  ASSERT_EQ(g.audit.size(), 4u);
  EXPECT_EQ(g.audit[2].action, "refresh");
  EXPECT_NE(g.host.commands[1].command.find("systemctl restart"), std::string::npos);
}

// --- user kinds -------------------------------------------------------------

ResourceSpec userSpec() {
  ResourceSpec spec;
  spec.kind = "app_user";
  spec.userKind = true;
  spec.inputs = {{"name", "app"}};
  spec.check = literal("check-user");
  spec.apply = literal("apply-user");
  spec.secretOutputs = {"token"};
  spec.outputs = {{"token", "secret"}, {"uid", "int"}};
  return spec;
}

TEST(ResourceRunnerUserKind, CheckThenApplyWithOutputsFromJson) {
  Fixture f;
  f.host.answer = [](const CommandSpec& spec) {
    return spec.command == "check-user" ? exitWith(1)
                                        : exitWith(0, R"({"uid": 1001, "token": "s3cr3t-token"})");
  };
  auto r = f.resourceSpec(userSpec());
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.action, "applied");
  EXPECT_EQ(r.outs, (Values{{"token", "s3cr3t-token"}, {"uid", "1001"}}));
  EXPECT_EQ(f.host.log, (std::vector<std::string>{"run check-user", "run apply-user"}));
  EXPECT_EQ(f.redactor.redact("s3cr3t-token"), "(sensitive)");
  EXPECT_EQ(f.auditLines(),
            (std::vector<std::string>{"check check-user start", "check check-user exit 1",
                                      "apply apply-user start", "apply apply-user ok"}));
}

TEST(ResourceRunnerUserKind, OutputsOfTheWrongTypeOrMissingFailTheResource) {
  Fixture f;
  f.host.answer = [](const CommandSpec& spec) {
    return spec.command == "check-user" ? exitWith(1) : exitWith(0, R"({"uid": "x"})");
  };
  auto r = f.resourceSpec(userSpec());
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(
      r.error,
      "kind 'app_user', resource 'node': apply printed output 'uid' as \"x\", which is not an int");
  EXPECT_TRUE(r.outs.empty());
}

TEST(ResourceRunnerUserKind, CheckExitZeroIsInStateWithItsOutputs) {
  Fixture f;
  f.host.answer = [](const CommandSpec&) { return exitWith(0, R"({"uid": "1001"})"); };
  auto r = f.resourceSpec(userSpec());
  EXPECT_EQ(r.action, "in state");
  EXPECT_FALSE(r.changed);
  EXPECT_EQ(r.outs, (Values{{"uid", "1001"}}));
  EXPECT_EQ(f.host.commands.size(), 1u);
}

TEST(ResourceRunnerUserKind, AFailingCheckFailsTheJobWithoutApplying) {
  Fixture f;
  f.host.answer = [](const CommandSpec&) {
    CommandResult r;
    r.failedToStart = true;
    r.error = "cannot run check-user: No such file or directory";
    return r;
  };
  auto r = f.resourceSpec(userSpec());
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error, "cannot run check-user: No such file or directory");
  EXPECT_EQ(f.host.commands.size(), 1u);
  ASSERT_EQ(f.audit.size(), 2u);
  EXPECT_EQ(f.audit[1].result, "cannot run check-user: No such file or directory");
}

TEST(ResourceRunnerUserKind, CheckOnlyWouldApply) {
  Fixture f;
  f.checkOnly = true;
  f.host.answer = [](const CommandSpec&) { return exitWith(1); };
  auto r = f.resourceSpec(userSpec());
  EXPECT_EQ(r.action, "would apply");
  EXPECT_TRUE(r.outsUnknown);
  EXPECT_EQ(f.host.log, (std::vector<std::string>{"run check-user"}));
}

// --- commands and the rest ---------------------------------------------------

TEST(ResourceRunnerCommand, RunsOnItsHostWithTheRunId) {
  Fixture f;
  Job job;
  job.name = "deploy";
  job.target = "web1";
  job.kind = JobKind::Command;
  job.command = "deploy --now";
  job.sudo = true;
  job.timeout = std::chrono::seconds(5);
  auto r = f.start(job);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.changed);
  ASSERT_EQ(f.host.commands.size(), 1u);
  const CommandSpec& spec = f.host.commands[0];
  EXPECT_EQ(spec.runId, "run-42");
  EXPECT_EQ(spec.node, "deploy");
  EXPECT_TRUE(spec.sudo);
  EXPECT_EQ(spec.timeout, std::chrono::seconds(5));
  EXPECT_EQ(f.auditLines(),
            (std::vector<std::string>{"run deploy --now start", "run deploy --now ok"}));
  f.checkOnly = true;
  EXPECT_EQ(f.start(job).action, "would run");
  EXPECT_EQ(f.host.commands.size(), 1u);
}

TEST(ResourceRunnerCommand, KillAllReachesTheBackend) {
  Fixture f;
  ResourceRunner runner(f.io, f.backend, f.resources, f.redactor, {});
  runner.killAll();
  EXPECT_EQ(f.backend.kills, 1);
}

TEST(ResourceRunner, AMissingInputIsNotAppliedAndAnUnknownKindFails) {
  Fixture f;
  StartContext missing;
  missing.missing.push_back({"content", "pw", "value"});
  auto r = f.resource("file", {{"path", "/p"}}, missing);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find("no value for 'content': 'pw' gave no 'value'"), std::string::npos);
  EXPECT_TRUE(f.host.log.empty());
  auto unknown = f.resource("teleport", {});
  EXPECT_EQ(unknown.error, "the runtime has no implementation of kind 'teleport'");
}

}  // namespace
}  // namespace magicc::runtime
