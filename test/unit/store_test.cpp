// The state store: runs, nodes, outputs, processes and status round trip
// through the journal, a resume reopens what did not complete, one run
// holds the lock; the journal's nodes view stays one index search per node
// (it read every transition of the run for every node: 15.8 s at 10k nodes),
// a journal without that index gets it when opened, and the audit log's
// request ids pair a start with its result and never repeat across resumes.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "TempDir.h"
#include "store/AuditLog.h"
#include "store/Journal.h"
#include "store/Sqlite.h"

namespace magicc::store {
namespace {

namespace fs = std::filesystem;

using test::TempDir;

std::vector<runtime::Job> jobs(std::size_t n) {
  std::vector<runtime::Job> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    out[i].name = std::string("n").append(std::to_string(i));  // GCC 12: no "n" + string
    out[i].target = "local";
    out[i].kind = runtime::JobKind::Command;
  }
  return out;
}

std::string queryPlan(const std::string& db, const std::string& sql) {
  Database d(db);
  Statement q(d.handle(), "EXPLAIN QUERY PLAN " + sql);
  std::string plan;
  while (q.step()) plan += q.text(3) + "\n";
  return plan;
}

TEST(Journal, NodesViewSearchesTheLatestTransitionByIndex) {
  TempDir dir;
  std::string path = (dir.path / "st" / "state.db").string();
  {
    auto journal = Journal::open(path);
    journal->beginRun({"r1", "/p.mm", "h", "{}", "running"}, jobs(3));
    journal->transition(0, runtime::State::InProgress, 1, false, "");
    journal->transition(0, runtime::State::Complete, 1, true, "ok");
    journal->transition(1, runtime::State::InProgress, 1, false, "");
    journal->finishRun("interrupted");
  }
  std::string plan = queryPlan(path, "SELECT state FROM nodes");
  EXPECT_NE(plan.find("transitions_by_job"), std::string::npos) << plan;
  Database d(path);
  Statement q(d.handle(), "SELECT name, state FROM nodes ORDER BY job");
  std::vector<std::string> states;
  while (q.step()) states.push_back(q.text(0) + "|" + q.text(1));
  EXPECT_EQ(states, (std::vector<std::string>{"n0|COMPLETE", "n1|IN_PROGRESS", "n2|INCOMPLETE"}));
}

TEST(Journal, AJournalWithoutTheIndexGetsItAndKeepsItsFormat) {
  TempDir dir;
  std::string path = (dir.path / "st" / "state.db").string();
  Journal::open(path).reset();
  {
    Database d(path);
    d.exec("DROP INDEX transitions_by_job");
  }
  EXPECT_EQ(queryPlan(path, "SELECT state FROM nodes").find("transitions_by_job"),
            std::string::npos);
  Journal::open(path).reset();
  EXPECT_NE(queryPlan(path, "SELECT state FROM nodes").find("transitions_by_job"),
            std::string::npos);
  Database d(path);
  Statement v(d.handle(), "PRAGMA user_version");
  ASSERT_TRUE(v.step());
  EXPECT_EQ(v.integer(0), 1);
}

std::vector<std::string> lines(const fs::path& file) {
  std::ifstream in(file);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string requestId(const std::string& line) {
  auto start = line.find("\"request_id\":\"") + 14;
  return line.substr(start, line.find('"', start) - start);
}

TEST(Journal, ARunsNodesOutputsAndStatusRoundTrip) {
  TempDir dir;
  std::string path = (dir.path / "state.db").string();
  {
    auto journal = Journal::open(path);
    EXPECT_FALSE(journal->lastRun("/p.mm"));
    journal->beginRun({"r1", "/p.mm", "h1", "{\"a\":1}", "running"}, jobs(3));
    journal->transition(0, runtime::State::InProgress, 1, false, "");
    journal->transition(0, runtime::State::Complete, 1, true, "applied");
    journal->recordOuts(0, {{"id", "42"}, {"path", "/x"}});
    journal->transition(1, runtime::State::InProgress, 2, false, "");
    journal->transition(1, runtime::State::Failed, 2, false, "exit 1");
    journal->recordProcess("local", "n1", 4242);
    journal->finishRun("failed");
  }
  auto journal = Journal::open(path);
  auto last = journal->lastRun("/p.mm");
  ASSERT_TRUE(last);
  EXPECT_EQ(last->id, "r1");
  EXPECT_EQ(last->sourceHash, "h1");
  EXPECT_EQ(last->invocation, "{\"a\":1}");
  EXPECT_EQ(last->status, "failed");
  EXPECT_FALSE(journal->lastRun("/other.mm"));
  auto nodes = journal->nodes("r1");
  ASSERT_EQ(nodes.size(), 3u);
  EXPECT_EQ(nodes[0].name, "n0");
  EXPECT_EQ(nodes[0].target, "local");
  EXPECT_EQ(nodes[0].state, runtime::State::Complete);
  EXPECT_TRUE(nodes[0].changed);
  EXPECT_EQ(nodes[1].state, runtime::State::Failed);
  EXPECT_EQ(nodes[2].state, runtime::State::Incomplete);
  EXPECT_EQ(journal->outs("r1", 0), (runtime::Values{{"id", "42"}, {"path", "/x"}}));
  EXPECT_TRUE(journal->outs("r1", 1).empty());
  double started = 0;
  EXPECT_EQ(journal->processGroups("r1", started), (std::set<int>{4242}));
  EXPECT_GT(started, 0);
  EXPECT_TRUE(journal->nodes("no-such-run").empty());
}

TEST(Journal, ResumeMakesWhatDidNotCompleteIncompleteAgain) {
  TempDir dir;
  std::string path = (dir.path / "state.db").string();
  auto journal = Journal::open(path);
  journal->beginRun({"r1", "/p.mm", "h", "{}", "running"}, jobs(3));
  journal->transition(0, runtime::State::Complete, 1, false, "");
  journal->transition(1, runtime::State::InProgress, 1, false, "");
  journal->transition(2, runtime::State::Failed, 1, false, "exit 1");
  journal->finishRun("interrupted");
  // A later run of the same program is the one --resume finds.
  journal->beginRun({"r2", "/p.mm", "h", "{}", "running"}, jobs(1));
  journal->finishRun("failed");
  EXPECT_EQ(journal->lastRun("/p.mm")->id, "r2");
  journal->resumeRun("r1");
  auto nodes = journal->nodes("r1");
  EXPECT_EQ(nodes[0].state, runtime::State::Complete);
  EXPECT_EQ(nodes[1].state, runtime::State::Incomplete);
  EXPECT_EQ(nodes[2].state, runtime::State::Incomplete);
  journal->transition(1, runtime::State::Complete, 1, false, "");
  journal->finishRun("done");
  EXPECT_EQ(journal->nodes("r1")[1].state, runtime::State::Complete);
  EXPECT_THROW(journal->resumeRun("no-such-run"), std::runtime_error);
}

TEST(Journal, OneRunHoldsTheLock) {
  TempDir dir;
  std::string path = (dir.path / "state.db").string();
  auto first = Journal::open(path);
  try {
    Journal::open(path);
    ADD_FAILURE() << "a second journal opened";
  } catch (const LockedError& e) {
    EXPECT_NE(std::string(e.what()).find("is in use by another magicc run (pid " +
                                         std::to_string(::getpid()) + ")"),
              std::string::npos)
        << e.what();
  }
  first.reset();
  EXPECT_NO_THROW(Journal::open(path));
}

TEST(AuditLog, StartAndResultShareARequestIdThatAResumeNeverReuses) {
  TempDir dir;
  fs::path log = dir.path / "audit.log";
  runtime::ActionRecord a{"local", "a", "run", "true", true, "start"};
  runtime::ActionRecord b{"local", "b", "run", "false", true, "start"};
  {
    AuditLog audit(log.string(), "run1");
    audit.write(a);
    audit.write(b);
    b.result = "exit 1";
    audit.write(b);  // b ends first
    // a is under way when magicc dies
  }
  {
    AuditLog audit(log.string(), "run1", /*resumed=*/true);
    a.result = "start";
    audit.write(a);
    a.result = "ok";
    audit.write(a);
  }
  auto all = lines(log);
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(requestId(all[0]), "run1-1");
  EXPECT_EQ(requestId(all[1]), "run1-2");
  EXPECT_EQ(requestId(all[2]), "run1-2");
  EXPECT_EQ(requestId(all[3]), "run1-3");
  EXPECT_EQ(requestId(all[4]), "run1-3");
  EXPECT_NE(all[2].find("\"result\":\"exit 1\""), std::string::npos);
}

}  // namespace
}  // namespace magicc::store
