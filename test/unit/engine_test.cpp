// The engine against a scripted CommandRunner: ordering, the --jobs bound,
// retries, failure policy and --keep-going, without spawning processes (the
// lit tests under test/lit/run do the same with real ones).
#include "engine/Engine.h"

#include <gtest/gtest.h>

#include <boost/asio/post.hpp>
#include <map>

namespace magicc::runtime {
namespace {

// Finishes each command on the next turn of the loop with the exit code the
// test scripted for it (per attempt), and records the order of starts.
class ScriptedRunner final : public CommandRunner {
 public:
  explicit ScriptedRunner(boost::asio::io_context& io) : io_(io) {}
  std::map<std::string, std::vector<int>> exits;  // name -> exit code per attempt
  std::vector<std::string> started;

  void start(const Job& job, int attempt, std::function<void(CommandResult)> done) override {
    started.push_back(job.name);
    CommandResult r;
    auto it = exits.find(job.name);
    if (it != exits.end() && attempt - 1 < static_cast<int>(it->second.size()))
      r.exitCode = it->second[attempt - 1];
    boost::asio::post(io_, [done, r] { done(r); });
  }
  void killAll() override {}

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
  for (auto& j : jobs) j.command = "x";
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
    jobs[i].retries = 2;
  }
  EngineRun r;
  r.runner.exits["j0"] = {1, 1, 0};
  r.runner.exits["j2"] = {1, 0};
  r.go(jobs, {1, false});
  EXPECT_EQ(r.engine->maxRunning(), 1u);
  EXPECT_EQ(r.engine->summary().ok, 4u);
}

}  // namespace
}  // namespace magicc::runtime
