// The backends' per-host operations on real files in a temp directory: the
// local host's in-process stat, put and remove, and the shell scripts a host
// reached by commands runs (ShellHostOps, here over a LocalRunner, so the
// very scripts SSH runs are run by /bin/sh on this machine); and the routing
// of hosts to backends. test/lit/ssh runs the same scripts through sshd.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "TempDir.h"
#include "backends/Command.h"
#include "backends/LocalBackend.h"
#include "backends/LocalFiles.h"
#include "backends/LocalRunner.h"
#include "backends/RoutingBackend.h"
#include "backends/ShellHostOps.h"

namespace magicc::runtime {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;

using test::TempDir;

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), {}};
}

unsigned modeOf(const std::string& path) {
  struct stat st {};
  ::lstat(path.c_str(), &st);
  return st.st_mode & 07777;
}

// Runs the loop until `finished` (a LocalRunner waits for SIGCHLD until it is
// shut down: io.run() would not return).
void runUntil(asio::io_context& io, const std::function<bool()>& finished) {
  while (!finished()) io.run_one();
}

// Runs one operation on a host to its end; records the audit log.
struct Ops {
  asio::io_context& io;
  HostOps& host;
  std::vector<ActionRecord> audit{};

  OpContext context() {
    OpContext c;
    c.runId = "run-7";
    c.node = "conf";
    c.audit = [this](const ActionRecord& r) { audit.push_back(r); };
    return c;
  }
  std::pair<FileState, OpStatus> stat(const std::string& path,
                                      FileDigest digest = FileDigest::Sha256) {
    std::optional<std::pair<FileState, OpStatus>> out;
    host.stat(context(), path, digest, [&](FileState st, OpStatus s) { out.emplace(st, s); });
    EXPECT_FALSE(out) << "called from inside stat()";
    runUntil(io, [&] { return out.has_value(); });
    return out.value();
  }
  OpStatus put(const FileWrite& write) {
    std::optional<OpStatus> out;
    host.put(context(), write, [&](OpStatus s) { out = s; });
    EXPECT_FALSE(out) << "called from inside put()";
    runUntil(io, [&] { return out.has_value(); });
    return out.value();
  }
  FileContent read(const std::string& path, std::size_t limit = 65536) {
    std::optional<std::pair<FileContent, OpStatus>> out;
    host.read(context(), path, limit, [&](FileContent c, OpStatus s) { out.emplace(c, s); });
    EXPECT_FALSE(out) << "called from inside read()";
    runUntil(io, [&] { return out.has_value(); });
    EXPECT_TRUE(out->second.ok()) << describeFailure(out->second);
    return out->first;
  }
  OpStatus remove(const std::string& path) {
    std::optional<OpStatus> out;
    host.remove(context(), path, [&](OpStatus s) { out = s; });
    runUntil(io, [&] { return out.has_value(); });
    return out.value();
  }
  std::string call() {
    std::optional<std::string> out;
    host.call(context(), "facts", {}, [&](nlohmann::json, std::string error) { out = error; });
    runUntil(io, [&] { return out.has_value(); });
    return out.value();
  }
};

FileWrite writeOf(const std::string& path, const std::string& content, unsigned mode,
                  bool modeOnly = false) {
  FileWrite w;
  w.path = path;
  w.content = content;
  w.mode = mode;
  w.modeOnly = modeOnly;
  return w;
}

// The same contract for both kinds of host: what stat reports, what put and
// remove leave behind.
void checkFileOperations(Ops& ops, const TempDir& dir) {
  std::string path = dir / "sub/app.conf";
  auto [absent, s0] = ops.stat(path);
  ASSERT_TRUE(s0.ok()) << describeFailure(s0);
  EXPECT_FALSE(absent.exists);

  // Created with its directory, its content and its mode.
  ASSERT_TRUE(ops.put(writeOf(path, "name=web1\n", 0640)).ok());
  EXPECT_EQ(slurp(path), "name=web1\n");
  EXPECT_EQ(modeOf(path), 0640u);
  auto [there, s1] = ops.stat(path);
  ASSERT_TRUE(s1.ok());
  EXPECT_TRUE(there.exists);
  EXPECT_TRUE(there.regular);
  EXPECT_EQ(there.mode, 0640u);
  EXPECT_EQ(there.sha256, sha256Hex("name=web1\n"));
  // Without the digest the content is not read.
  auto [quick, s2] = ops.stat(path, FileDigest::None);
  EXPECT_TRUE(quick.exists && quick.regular);
  EXPECT_EQ(quick.mode, 0640u);
  EXPECT_EQ(quick.sha256, "");

  // Rewritten; only the mode; no temp file left beside it.
  ASSERT_TRUE(ops.put(writeOf(path, "name=web2\n", 0600)).ok());
  EXPECT_EQ(slurp(path), "name=web2\n");
  EXPECT_EQ(modeOf(path), 0600u);
  ASSERT_TRUE(ops.put(writeOf(path, "", 0644, true)).ok());
  EXPECT_EQ(slurp(path), "name=web2\n");
  EXPECT_EQ(modeOf(path), 0644u);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path / "sub"), fs::directory_iterator()), 1);

  // A directory and a link are there, and not regular files.
  auto [sub, s3] = ops.stat(dir / "sub");
  EXPECT_TRUE(sub.exists);
  EXPECT_FALSE(sub.regular);
  fs::create_symlink(path, dir / "link");
  auto [link, s4] = ops.stat(dir / "link");
  EXPECT_TRUE(link.exists);
  EXPECT_FALSE(link.regular);

  // Read (--diff): the bytes, NUL and missing final newline included;
  // nothing for a link, a directory or nothing; over the limit, only that.
  std::string bytes("a\0b\nlast", 9);
  ASSERT_TRUE(ops.put(writeOf(path, bytes, 0644)).ok());
  FileContent content = ops.read(path);
  EXPECT_TRUE(content.regular);
  EXPECT_FALSE(content.tooLarge);
  EXPECT_EQ(content.bytes, bytes);
  FileContent large = ops.read(path, 8);
  EXPECT_TRUE(large.regular && large.tooLarge);
  EXPECT_EQ(large.bytes, "");
  EXPECT_TRUE(ops.read(path, 9).bytes == bytes);
  EXPECT_FALSE(ops.read(dir / "link").regular);
  EXPECT_FALSE(ops.read(dir / "sub").regular);
  EXPECT_FALSE(ops.read(dir / "nothing").regular);

  // Removed; removing what is not there is fine.
  ASSERT_TRUE(ops.remove(path).ok());
  EXPECT_FALSE(fs::exists(path));
  EXPECT_TRUE(ops.remove(path).ok());

  // A write that cannot be done (its directory is a file) fails.
  std::ofstream(dir / "plain") << "x";
  EXPECT_FALSE(ops.put(writeOf(dir / "plain/x", "x", 0644)).ok());

  EXPECT_EQ(ops.call(), "host 'web1' has no agent");
}

TEST(LocalHostOps, StatPutRemoveOnRealFiles) {
  TempDir dir;
  asio::io_context io;
  LocalBackend backend(io, {});
  EXPECT_TRUE(backend.host("web1").local());
  Ops ops{io, backend.host("web1")};
  checkFileOperations(ops, dir);
}

TEST(LocalHostOps, AuditsChangesInTheCallersWordsAndReadsNotAtAll) {
  TempDir dir;
  asio::io_context io;
  LocalBackend backend(io, {});
  Ops ops{io, backend.host("web1")};
  std::string path = dir / "f";
  ops.stat(path);
  EXPECT_TRUE(ops.audit.empty());
  FileWrite w = writeOf(path, "secret", 0600);
  w.summary = path + " mode 0600 content (sensitive)";
  ASSERT_TRUE(ops.put(w).ok());
  ASSERT_TRUE(ops.remove(path).ok());
  ASSERT_EQ(ops.audit.size(), 4u);
  EXPECT_EQ(ops.audit[0].action, "write");
  EXPECT_EQ(ops.audit[0].arguments, w.summary);
  EXPECT_EQ(ops.audit[0].result, "start");
  EXPECT_EQ(ops.audit[1].result, "ok");
  EXPECT_EQ(ops.audit[1].host, "web1");
  EXPECT_EQ(ops.audit[1].node, "conf");
  EXPECT_EQ(ops.audit[2].action, "remove");
  EXPECT_EQ(ops.audit[2].arguments, path);
}

TEST(LocalHostOps, AWriteLeavesNoTempFileAndRemovesAbandonedOnes) {
  TempDir dir;
  // A write killed half-way left its temp file (nobody holds it locked).
  std::ofstream(dir / ".f.magicc-abcdef") << "half";
  ASSERT_EQ(writeFileAtomically(dir / "f", "whole", 0644), "");
  EXPECT_FALSE(fs::exists(dir / ".f.magicc-abcdef"));
  EXPECT_EQ(slurp(dir / "f"), "whole");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()), 1);
}

TEST(LocalHostOps, ConcurrentWritesOfOneFileAllSucceed) {
  TempDir dir;
  std::vector<std::string> errors;
  std::mutex mutex;
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w)
    writers.emplace_back([&, w] {
      for (int i = 0; i < 200; ++i) {
        std::string why = writeFileAtomically(dir / "f", "writer " + std::to_string(w), 0644);
        if (why.empty()) continue;
        std::lock_guard lock(mutex);
        errors.push_back(why);
      }
    });
  for (auto& writer : writers) writer.join();
  EXPECT_TRUE(errors.empty()) << errors.size() << " failed, first: " << errors.front();
  EXPECT_EQ(slurp(dir / "f").rfind("writer ", 0), 0u);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()), 1);
}

TEST(LocalBackend, CommandsCarryTheRunIdOfTheRequest) {
  asio::io_context io;
  std::vector<std::string> spawned;
  LocalOptions options;
  options.spawned = [&](const CommandSpec& spec, int) { spawned.push_back(spec.runId); };
  LocalBackend backend(io, options);
  std::vector<std::string> seen;
  for (const char* run : {"run-a", "run-b"}) {
    CommandSpec spec;
    spec.command = "sh -c 'echo $MAGICC_RUN_ID $MAGICC_HOST'";
    spec.host = "web1";
    spec.node = "n";
    spec.runId = run;
    backend.host("web1").run(spec, [&](CommandResult r) { seen.push_back(r.stdoutTail); });
  }
  runUntil(io, [&] { return seen.size() == 2; });
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::string>{"run-a web1\n", "run-b web1\n"}));
  EXPECT_EQ(spawned, (std::vector<std::string>{"run-a", "run-b"}));
}

// The scripts an SSH host runs, run here by /bin/sh through a LocalRunner.
TEST(ShellHostOps, TheScriptsKeepTheSameContract) {
  TempDir dir;
  asio::io_context io;
  LocalRunner runner(io, {});
  ShellHostOps host(io, "web1", runner);
  EXPECT_FALSE(host.local());
  Ops ops{io, host};
  checkFileOperations(ops, dir);
}

TEST(ShellHostOps, ContentTravelsOnStdinAndEveryScriptIsAudited) {
  TempDir dir;
  asio::io_context io;
  // Records what would run, then runs it.
  class Recording final : public Executor {
   public:
    explicit Recording(LocalRunner& runner) : runner_(runner) {}
    void run(const CommandSpec& spec, std::function<void(CommandResult)> done) override {
      specs.push_back(spec);
      runner_.run(spec, std::move(done));
    }
    void killAll() override {}
    std::vector<CommandSpec> specs;

   private:
    LocalRunner& runner_;
  };
  LocalRunner runner(io, {});
  Recording recording(runner);
  ShellHostOps host(io, "web1", recording);
  Ops ops{io, host};
  std::string path = dir / "token";
  const std::string content = "very-secret-content";
  ASSERT_TRUE(ops.put(writeOf(path, content, 0600)).ok());
  ASSERT_EQ(recording.specs.size(), 1u);
  const CommandSpec& spec = recording.specs[0];
  EXPECT_EQ(spec.input, content);
  EXPECT_EQ(spec.command.find(content), std::string::npos);
  for (const auto& [k, v] : spec.env) EXPECT_EQ(v.find(content), std::string::npos);
  EXPECT_EQ(spec.runId, "run-7");
  EXPECT_EQ(spec.node, "conf");
  EXPECT_EQ(spec.host, "web1");
  EXPECT_EQ(slurp(path), content);
  ASSERT_EQ(ops.audit.size(), 2u);
  EXPECT_EQ(ops.audit[0].action, "write");
  EXPECT_EQ(ops.audit[0].arguments.rfind("set -e; f=" + path + ";", 0), 0u)
      << ops.audit[0].arguments;
  EXPECT_EQ(ops.audit[0].arguments.find(content), std::string::npos);
  EXPECT_EQ(ops.audit[1].result, "ok");
  ops.stat(path);
  ASSERT_EQ(ops.audit.size(), 4u);
  EXPECT_EQ(ops.audit[2].action, "check");
  ops.remove(path);
  EXPECT_EQ(ops.audit[4].action, "remove");
  EXPECT_EQ(ops.audit[4].arguments, "rm -f " + path);
}

TEST(ShellHostOps, ParsesTheLastLineOfTheCheck) {
  EXPECT_FALSE(parseShellStat("absent\n")->exists);
  auto other = parseShellStat("other\n");
  EXPECT_TRUE(other->exists && !other->regular);
  auto file = parseShellStat("welcome to web1\n640 " + std::string(64, 'a') + "\n");
  ASSERT_TRUE(file);
  EXPECT_EQ(file->mode, 0640u);
  EXPECT_EQ(file->sha256, std::string(64, 'a'));
  EXPECT_EQ(parseShellStat("4755\n")->mode, 04755u);
  EXPECT_FALSE(parseShellStat("Permission denied\n"));
  EXPECT_FALSE(parseShellStat("644 nothex\n"));
}

TEST(ShellHostOps, ParsesTheReadByItsTrailer) {
  // A login script's greeting before the content is told apart by the size.
  auto read = parseShellRead("welcome\nline1\nline2\n\nmagicc-read 12\n");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->bytes, "line1\nline2\n");
  EXPECT_FALSE(parseShellRead("other\n")->regular);
  EXPECT_TRUE(parseShellRead("large\n")->tooLarge);
  EXPECT_FALSE(parseShellRead("Permission denied\n"));
  EXPECT_FALSE(parseShellRead("x\nmagicc-read 99\n"));
}

// --- routing ---------------------------------------------------------------

class CountingBackend final : public Backend {
 public:
  CountingBackend(asio::io_context& io, std::string kind, bool reachable)
      : io_(io), kind_(std::move(kind)), reachable_(reachable), ops_(io, kind_, runner_) {}
  void connect(const std::vector<std::string>& hosts,
               std::function<void(std::map<std::string, HostReach>)> done) override {
    asked.insert(asked.end(), hosts.begin(), hosts.end());
    std::map<std::string, HostReach> reach;
    for (const auto& h : hosts) {
      reach[h].ok = reachable_;
      if (!reachable_) reach[h].error = "connection refused";
    }
    asio::post(io_, [done = std::move(done), reach] { done(reach); });
  }
  HostOps& host(const std::string&) override { return ops_; }
  void killAll() override { ++kills; }
  void shutdown() override { ++shutdowns; }
  std::vector<std::string> asked;
  int kills = 0, shutdowns = 0;

 private:
  class NoRunner final : public Executor {
   public:
    void run(const CommandSpec&, std::function<void(CommandResult)>) override {}
    void killAll() override {}
  };
  asio::io_context& io_;
  std::string kind_;
  bool reachable_;
  NoRunner runner_;
  LocalHostOps ops_;  // its name says which backend served it
};

TEST(RoutingBackend, SendsEachHostToItsConnectionAndConnectsOnlyWhatNeedsIt) {
  asio::io_context io;
  auto local = std::make_unique<CountingBackend>(io, "local-ops", true);
  auto ssh = std::make_unique<CountingBackend>(io, "ssh-ops", false);
  CountingBackend* localp = local.get();
  CountingBackend* sshp = ssh.get();
  std::map<std::string, std::unique_ptr<Backend>> connections;
  connections["local"] = std::move(local);
  connections["ssh"] = std::move(ssh);
  RoutingBackend routing(io, std::move(connections),
                         {{"db1", "ssh"}, {"here", "local"}, {"win1", "winrm"}});
  EXPECT_EQ(routing.host("db1").name(), "ssh-ops");
  EXPECT_EQ(routing.host("here").name(), "local-ops");
  EXPECT_EQ(routing.host("local").name(), "local-ops");  // the local target

  std::map<std::string, HostReach> reach;
  routing.connect({"db1", "here", "win1", "stranger"},
                  [&](std::map<std::string, HostReach> r) { reach = std::move(r); });
  EXPECT_TRUE(reach.empty()) << "answered from inside connect()";
  io.run();
  io.restart();
  EXPECT_EQ(localp->asked, (std::vector<std::string>{"here"}));
  EXPECT_EQ(sshp->asked, (std::vector<std::string>{"db1"}));
  ASSERT_EQ(reach.size(), 4u);
  EXPECT_TRUE(reach["here"].ok);
  EXPECT_FALSE(reach["db1"].ok);
  EXPECT_EQ(reach["db1"].error, "connection refused");
  EXPECT_EQ(reach["win1"].error, "host 'win1' connects with 'winrm', which this run cannot use");
  EXPECT_EQ(reach["stranger"].error, "host 'stranger' is not a host of this run");

  // A host no backend serves fails every operation, naming it.
  std::optional<CommandResult> result;
  routing.host("stranger").run(CommandSpec{}, [&](CommandResult r) { result = r; });
  io.run();
  ASSERT_TRUE(result);
  EXPECT_EQ(result->error, "host 'stranger' is not a host of this run");

  routing.killAll();
  routing.shutdown();
  EXPECT_EQ(localp->kills + sshp->kills, 2);
  EXPECT_EQ(localp->shutdowns + sshp->shutdowns, 2);
}

TEST(LocalBackend, ConnectAnswersLocalAtOnce) {
  asio::io_context io;
  LocalBackend backend(io, {});
  std::map<std::string, HostReach> reach;
  backend.connect({"here"}, [&](std::map<std::string, HostReach> r) { reach = std::move(r); });
  runUntil(io, [&] { return !reach.empty(); });
  ASSERT_EQ(reach.size(), 1u);
  EXPECT_TRUE(reach["here"].ok);
  EXPECT_TRUE(reach["here"].local);
}

TEST(Command, ABuiltinNeedsTheShell) {
  EXPECT_TRUE(needsShell("exit 3"));
  EXPECT_TRUE(needsShell("cd /srv"));
  EXPECT_TRUE(needsShell("umask 022"));
  EXPECT_TRUE(needsShell("  exit"));
  EXPECT_TRUE(needsShell("cd\t/srv"));
  EXPECT_FALSE(needsShell("appmgr upgrade --revision 20"));
  EXPECT_FALSE(needsShell("exitcode 3"));
  EXPECT_FALSE(needsShell(""));
}

}  // namespace
}  // namespace magicc::runtime
