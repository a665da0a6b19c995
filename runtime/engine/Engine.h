// The scheduler: per job a count of unfinished predecessors, a ready queue,
// and completions that visit only the successors of what finished (never a
// rescan). Commands run through a CommandRunner, so the engine has fast unit
// tests and real backends (local, SSH, agent) plug in unchanged.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

#include "engine/Job.h"

namespace magicc::runtime {

class CommandRunner {
 public:
  virtual ~CommandRunner() = default;
  // Starts `job`'s command; `done` is called once, on the io_context.
  virtual void start(const Job& job, int attempt, std::function<void(CommandResult)> done) = 0;
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
};

struct EngineOptions {
  unsigned jobs = 1;        // commands running at once, at most
  bool keepGoing = false;   // after a failure, run what does not depend on it
};

struct RunSummary {
  std::size_t ok = 0, failed = 0, skipped = 0, notRun = 0;
  bool interrupted = false;
};

class Engine {
 public:
  Engine(boost::asio::io_context& io, std::vector<Job> jobs, CommandRunner& runner,
         Observer& observer, EngineOptions options);

  // Queues the first jobs; io_context::run() then drives the run to its end,
  // and `idle` is called once nothing runs and nothing more will start.
  void start(std::function<void()> idle);
  // Starts nothing new; running commands finish (SIGINT).
  void stopStarting();

  const std::vector<Job>& jobs() const { return jobs_; }
  State state(std::uint32_t job) const { return states_[job]; }
  RunSummary summary() const;
  unsigned running() const { return running_; }
  unsigned maxRunning() const { return maxRunning_; }

 private:
  void pump();
  void launch(std::uint32_t job, int attempt);
  void onDone(std::uint32_t job, int attempt, CommandResult result);
  void complete(std::uint32_t job);
  void fail(std::uint32_t job, const CommandResult& result);

  boost::asio::io_context& io_;
  std::vector<Job> jobs_;
  CommandRunner& runner_;
  Observer& observer_;
  EngineOptions options_;
  std::vector<State> states_;
  std::vector<std::uint32_t> pending_;  // unfinished predecessors
  std::deque<std::uint32_t> ready_;
  std::deque<std::pair<std::uint32_t, int>> retryReady_;  // (job, attempt) due for a retry
  unsigned running_ = 0, maxRunning_ = 0;
  bool stopping_ = false;    // a failure without --keep-going, or SIGINT
  bool interrupted_ = false;
  bool pumping_ = false;
  unsigned retriesPending_ = 0;
  std::function<void()> idle_;
  std::vector<std::unique_ptr<boost::asio::steady_timer>> retryTimers_;
};

}  // namespace magicc::runtime
