// The scheduler: per job a count of unfinished predecessors, a ready queue,
// and completions that visit only the successors of what finished (never a
// rescan). Jobs run through a JobRunner, so the engine has fast unit tests
// and real backends (local, SSH, agent) plug in unchanged.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include "program/Job.h"

namespace magicc::runtime {

class JobRunner {
 public:
  virtual ~JobRunner() = default;
  // Starts `job`; `done` is called once, later, on the io_context (never
  // from inside start()).
  virtual void start(const Job& job, const StartContext& context,
                     std::function<void(CommandResult)> done) = 0;
  // Kills everything still running (a second SIGINT).
  virtual void killAll() = 0;
};

// Told about every transition, in order; the journal and the console listen.
class Observer {
 public:
  virtual ~Observer() = default;
  virtual void started(std::uint32_t job, int attempt) = 0;
  virtual void finished(std::uint32_t job, State state, const CommandResult* result) = 0;
  virtual void retrying(std::uint32_t job, int attempt, const CommandResult& result) = 0;
  // Called before anything starts running: what was recorded must be durable now.
  virtual void flush() {}
};

struct EngineOptions {
  unsigned jobs = 1;       // jobs running at once, at most
  bool keepGoing = false;  // after a failure, run what does not depend on it
  std::vector<StageLimits> stages{};
};

struct RunSummary {
  std::size_t ok = 0, failed = 0, skipped = 0, notRun = 0;
  bool interrupted = false;
  bool failedBeyondBudget = false;  // a failure not covered by a stage's max_fail
};

class Engine {
 public:
  Engine(boost::asio::io_context& io, std::vector<Job> jobs, JobRunner& runner, Observer& observer,
         EngineOptions options);

  // Before start(): a job that completed in an earlier attempt of this run
  // (--resume), with what it changed and its outputs.
  void restore(std::uint32_t job, bool changed, Values outs);
  // Before start(): a stage task that failed within its stage's budget in an
  // earlier attempt, when the pipeline went on past it (it stays failed).
  void restoreFailed(std::uint32_t job);
  // Queues the first jobs; io_context::run() then drives the run to its end,
  // and `idle` is called once nothing runs and nothing more will start.
  void start(std::function<void()> idle);
  // Starts nothing new; running jobs finish (SIGINT).
  void stopStarting();

  const std::vector<Job>& jobs() const { return jobs_; }
  State state(std::uint32_t job) const { return states_[job]; }
  bool changed(std::uint32_t job) const { return changed_[job]; }
  const Values& outs(std::uint32_t job) const { return outs_[job]; }
  RunSummary summary() const;
  unsigned running() const { return running_; }
  unsigned maxRunning() const { return maxRunning_; }
  std::size_t stageFailures(int stage) const { return stageFailures_[stage]; }

 private:
  void pump();
  bool stageAllows(std::uint32_t job) const;
  void reserve(std::uint32_t job, int attempt);
  void release(std::uint32_t job);
  StartContext contextFor(std::uint32_t job, int attempt) const;
  void onDone(std::uint32_t job, int attempt, CommandResult result);
  void complete(std::uint32_t job);
  void releaseSuccessors(std::uint32_t job);
  void fail(std::uint32_t job, const CommandResult& result);
  static std::uint64_t hostKey(const Job& job) {
    return (static_cast<std::uint64_t>(job.stage) << 32) | job.host;
  }

  boost::asio::io_context& io_;
  std::vector<Job> jobs_;
  JobRunner& runner_;
  Observer& observer_;
  EngineOptions options_;
  std::vector<State> states_;
  std::vector<char> changed_;
  std::vector<Values> outs_;
  std::vector<char> outsUnknown_;
  std::vector<std::uint32_t> pending_;  // unfinished predecessors
  std::deque<std::uint32_t> ready_;
  std::deque<std::pair<std::uint32_t, int>> retryReady_;  // (job, attempt) due for a retry
  std::vector<std::deque<std::uint32_t>> blocked_;        // per stage: ready, held by its limits
  std::vector<unsigned> stageRunning_;
  std::vector<std::size_t> stageFailures_;
  std::unordered_map<std::uint64_t, unsigned> hostRunning_;  // (stage, host) -> running
  unsigned running_ = 0, maxRunning_ = 0;
  bool stopping_ = false;  // a failure without --keep-going, or SIGINT
  bool interrupted_ = false;
  bool beyondBudget_ = false;
  bool pumping_ = false;
  unsigned retriesPending_ = 0;
  std::function<void()> idle_;
  std::vector<std::unique_ptr<boost::asio::steady_timer>> retryTimers_;
};

}  // namespace magicc::runtime
