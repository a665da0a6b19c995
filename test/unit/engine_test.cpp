// The engine against a scripted CommandRunner: ordering, the --jobs bound,
// retries, failure policy and --keep-going, without spawning processes (the
// lit tests under test/lit/run do the same with real ones).
#include "engine/Engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <map>
#include <set>

namespace magicc::runtime {
namespace {

// Finishes each command on the next turn of the loop with the exit code the
// test scripted for it (per attempt), and records the order of starts.
class ScriptedRunner final : public JobRunner {
 public:
  explicit ScriptedRunner(boost::asio::io_context& io) : io_(io) {}
  std::map<std::string, std::vector<int>> exits;  // name -> exit code per attempt
  std::vector<std::string> started;

  std::vector<StartContext> contexts;
  void start(const Job& job, const StartContext& context,
             std::function<void(CommandResult)> done) override {
    int attempt = context.attempt;
    contexts.push_back(context);
    started.push_back(job.name);
    running.push_back(job.name);
    maxConcurrent = std::max(maxConcurrent, running.size());
    CommandResult r;
    auto it = exits.find(job.name);
    if (it != exits.end() && attempt - 1 < static_cast<int>(it->second.size()))
      r.exitCode = it->second[attempt - 1];
    r.changed = changes.count(job.name) > 0;
    if (r.changed) r.outs = {{"out", job.name + "-value"}};
    boost::asio::post(io_, [this, done, r, name = job.name] {
      running.erase(std::find(running.begin(), running.end(), name));
      done(r);
    });
  }
  void killAll() override {}
  std::vector<std::string> running;
  std::size_t maxConcurrent = 0;
  std::set<std::string> changes;  // jobs that report a change (with an output)

 private:
  boost::asio::io_context& io_;
};

class NullObserver final : public Observer {
 public:
  void started(std::uint32_t, int) override {}
  void finished(std::uint32_t, State, const CommandResult*) override {}
  void retrying(std::uint32_t, int, const CommandResult&) override { ++retries; }
  int retries = 0;
};

// a -> b -> c, and d alone; each job runs a command.
std::vector<Job> chain() {
  std::vector<Job> jobs(4);
  const char* names[] = {"a", "b", "c", "d"};
  for (int i = 0; i < 4; ++i) {
    jobs[i].name = names[i];
    jobs[i].command = "x";
    jobs[i].kind = JobKind::Command;
  }
  jobs[0].successors = {1};
  jobs[1].predecessors = 1;
  jobs[1].successors = {2};
  jobs[2].predecessors = 1;
  return jobs;
}

struct EngineRun {
  boost::asio::io_context io;
  ScriptedRunner runner{io};
  NullObserver observer;
  std::unique_ptr<Engine> engine;
  void go(std::vector<Job> jobs, EngineOptions options) {
    engine = std::make_unique<Engine>(io, std::move(jobs), runner, observer, options);
    engine->start([this] { io.stop(); });
    io.run();
  }
};

TEST(Engine, RunsInDependencyOrder) {
  EngineRun r;
  r.go(chain(), {1, false});
  EXPECT_EQ(r.runner.started, (std::vector<std::string>{"a", "d", "b", "c"}));
  EXPECT_EQ(r.engine->summary().ok, 4u);
}

TEST(Engine, JobsBoundIsReachedAndNeverExceeded) {
  std::vector<Job> jobs(10);
  for (auto& j : jobs) {
    j.command = "x";
    j.kind = JobKind::Command;
  }
  EngineRun r;
  r.go(jobs, {3, false});
  EXPECT_EQ(r.engine->maxRunning(), 3u);
  EXPECT_EQ(r.engine->summary().ok, 10u);
}

TEST(Engine, RetriesUntilSuccess) {
  auto jobs = chain();
  jobs[1].retries = 2;
  EngineRun r;
  r.runner.exits["b"] = {1, 1, 0};
  r.go(jobs, {1, false});
  EXPECT_EQ(r.observer.retries, 2);
  EXPECT_EQ(r.engine->state(1), State::Complete);
  EXPECT_EQ(r.engine->state(2), State::Complete);
}

TEST(Engine, FailureSkipsDependentsAndStartsNothingNew) {
  EngineRun r;
  r.runner.exits["a"] = {1};
  r.go(chain(), {1, false});
  EXPECT_EQ(r.engine->state(0), State::Failed);
  EXPECT_EQ(r.engine->state(1), State::Skipped);
  EXPECT_EQ(r.engine->state(2), State::Skipped);
  EXPECT_EQ(r.engine->state(3), State::Incomplete);  // never started after the failure
}

TEST(Engine, KeepGoingRunsIndependentWork) {
  EngineRun r;
  r.runner.exits["a"] = {1};
  r.go(chain(), {1, true});
  EXPECT_EQ(r.engine->state(3), State::Complete);
  EXPECT_EQ(r.engine->state(2), State::Skipped);
}

TEST(Engine, JobsWithoutCommandsCompleteWithoutTheRunner) {
  auto jobs = chain();
  jobs[1].command.clear();
  jobs[1].kind = JobKind::Milestone;
  EngineRun r;
  r.go(jobs, {2, false});
  EXPECT_EQ(r.runner.started.size(), 3u);
  EXPECT_EQ(r.engine->summary().ok, 4u);
}

TEST(Engine, ALongChainNeedsNoRecursion) {
  std::vector<Job> jobs(100000);
  for (std::uint32_t i = 0; i + 1 < jobs.size(); ++i) {
    jobs[i].successors = {i + 1};
    jobs[i + 1].predecessors = 1;
  }
  EngineRun r;
  r.go(jobs, {2, false});
  EXPECT_EQ(r.engine->summary().ok, 100000u);
}

}  // namespace
}  // namespace magicc::runtime

namespace magicc::runtime {
namespace {

TEST(Engine, RetriesRespectTheJobsBound) {
  std::vector<Job> jobs(4);
  for (int i = 0; i < 4; ++i) {
    jobs[i].name = "j" + std::to_string(i);
    jobs[i].command = "x";
    jobs[i].kind = JobKind::Command;
    jobs[i].retries = 2;
  }
  EngineRun r;
  r.runner.exits["j0"] = {1, 1, 0};
  r.runner.exits["j2"] = {1, 0};
  r.go(jobs, {1, false});
  EXPECT_EQ(r.engine->maxRunning(), 1u);
  EXPECT_EQ(r.engine->summary().ok, 4u);
}

// Stage tasks: `count` tasks of stage 0 spread over `hosts` hosts.
std::vector<Job> stageTasks(int count, std::uint32_t hosts) {
  std::vector<Job> jobs(count);
  for (int i = 0; i < count; ++i) {
    jobs[i].name = "t" + std::to_string(i);
    jobs[i].kind = JobKind::Command;
    jobs[i].stage = 0;
    jobs[i].host = static_cast<std::uint32_t>(i) % hosts;
  }
  return jobs;
}

TEST(Engine, StageConcurrencyBoundsItsTasks) {
  EngineRun r;
  EngineOptions options{8, false, {StageLimits{2, 0, 0}}};
  r.go(stageTasks(7, 7), options);
  EXPECT_EQ(r.runner.maxConcurrent, 2u);
  EXPECT_EQ(r.engine->summary().ok, 7u);
}

TEST(Engine, PerHostBoundsTasksOnOneHost) {
  EngineRun r;
  EngineOptions options{8, false, {StageLimits{0, 1, 0}}};
  r.go(stageTasks(6, 2), options);  // three tasks on each of two hosts
  EXPECT_EQ(r.runner.maxConcurrent, 2u);
  EXPECT_EQ(r.engine->summary().ok, 6u);
}

TEST(Engine, MaxFailIsAFailureBudget) {
  // t0..t3 -> barrier (hidden) -> after; and t1 -> on_t1_host (its dependent).
  auto jobs = stageTasks(4, 4);
  Job barrier;
  barrier.name = "barrier";
  barrier.hidden = true;
  barrier.predecessors = 4;
  barrier.successors = {5};
  Job after;
  after.name = "after";
  after.kind = JobKind::Command;
  after.predecessors = 1;
  Job dependent;
  dependent.name = "on_t1_host";
  dependent.kind = JobKind::Command;
  dependent.predecessors = 1;
  for (std::uint32_t i = 0; i < 4; ++i) jobs[i].successors = {4};
  jobs[1].successors.push_back(6);
  jobs.push_back(barrier);
  jobs.push_back(after);
  jobs.push_back(dependent);
  {
    EngineRun r;
    r.runner.exits["t1"] = {1};
    r.go(jobs, EngineOptions{1, false, {StageLimits{0, 0, 1}}});
    EXPECT_EQ(r.engine->state(5), State::Complete);  // within the budget: goes on
    EXPECT_EQ(r.engine->state(6), State::Skipped);   // but not what needs t1 itself
    EXPECT_FALSE(r.engine->summary().failedBeyondBudget);
  }
  {
    EngineRun r;
    r.runner.exits["t1"] = {1};
    r.runner.exits["t2"] = {1};
    r.go(jobs, EngineOptions{1, false, {StageLimits{0, 0, 1}}});
    EXPECT_EQ(r.engine->state(5), State::Skipped);  // beyond: the pipeline stops
    EXPECT_TRUE(r.engine->summary().failedBeyondBudget);
  }
}

TEST(Engine, RefreshAndValuesFlowFromWhatChanged) {
  auto jobs = chain();  // a -> b -> c
  jobs[1].refreshFrom = {0};
  jobs[1].receives = {{"in", 0, "out"}};
  jobs[2].refreshFrom = {1};
  EngineRun r;
  r.runner.changes = {"a"};
  r.go(jobs, {1, false});
  // started: a, d, b, c
  EXPECT_TRUE(r.runner.contexts[2].refreshed);
  ASSERT_EQ(r.runner.contexts[2].received.size(), 1u);
  EXPECT_EQ(r.runner.contexts[2].received[0].second, "a-value");
  EXPECT_FALSE(r.runner.contexts[3].refreshed);  // b did not change
}

TEST(Engine, RestoredJobsDoNotRunAgain) {
  EngineRun r;
  r.engine = nullptr;
  auto jobs = chain();
  r.engine =
      std::make_unique<Engine>(r.io, jobs, r.runner, r.observer, EngineOptions{1, false, {}});
  r.engine->restore(0, true, {{"out", "kept"}});
  r.engine->start([&] { r.io.stop(); });
  r.io.run();
  EXPECT_EQ(r.runner.started, (std::vector<std::string>{"b", "d", "c"}));
  EXPECT_EQ(r.engine->summary().ok, 4u);
}

}  // namespace
}  // namespace magicc::runtime
