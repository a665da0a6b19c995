// The agent's jobs: submitted, queued per `queue` (one at a time, in
// submission order; different queues side by side), run through an
// Executor (the local runner: each job its own process group, a timeout
// kills the group), their output appended to a file per job as it arrives,
// every transition written to the job log. Thread-safe: the HTTP threads
// submit and read; the executor runs on `io`, one thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "agent/JobLog.h"
#include "agent/JobRecord.h"
#include "backends/Executor.h"

namespace magicc::agent {

// A job as submitted: its record, and what is never stored.
struct JobRequest {
  JobRecord record;
  runtime::Values env;
  std::string input;
  std::string host;  // MAGICC_HOST: the client's name for this host ("": the hostname)
  // Secrets of the client's run: hidden in the output the agent keeps and
  // serves, and in the job log's tails.
  std::vector<std::string> redact;
};

struct OutputPiece {
  bool found = false;     // the job exists
  bool finished = false;  // it has finished and `data` reaches the end of its output
  std::string data;
};

class Jobs {
 public:
  static constexpr std::uint64_t kOutputLimit = 64ull << 20;

  Jobs(boost::asio::io_context& io, runtime::Executor& executor, JobLog& log, std::string hostname,
       std::uint64_t outputLimit = kOutputLimit);
  ~Jobs();

  // The local runner's `spawned` hook: the process group of the job being
  // started (called on `io`, inside Executor::run).
  void spawned(int pgid) { spawnedGroup_ = pgid; }

  JobRecord submit(JobRequest request);
  std::optional<JobRecord> get(std::int64_t id);
  std::vector<JobRecord> list(std::size_t limit, const std::string& queue);
  std::optional<JobRecord> cancel(std::int64_t id);

  // Up to `max` bytes of the job's output from `offset`.
  OutputPiece readOutput(std::int64_t id, std::uint64_t offset, std::size_t max);
  // Calls `ready` (once, on any thread) when the job has output past
  // `offset` or has finished; at once if it already has.
  void waitOutput(std::int64_t id, std::uint64_t offset, std::function<void()> ready);

  // Queued and running jobs per queue.
  std::map<std::string, std::size_t> queueDepths();
  std::vector<std::pair<std::string, std::int64_t>> countByStatus();

  // The metadata document (kept in the job log's database); `patch`
  // merges a JSON merge patch and returns the result.
  nlohmann::json metadata();
  nlohmann::json patchMetadata(const nlohmann::json& patch);

  // Kills every running job's process group and records the unfinished as
  // Error `why`.
  void stop(const std::string& why);

 private:
  struct Active;
  void startNext(const std::string& queue);  // with mutex_ held
  void launch(std::int64_t id);              // on io_
  void onOutput(std::int64_t id, std::string_view data);
  // Appends to the job's output file, up to the limit (with mutex_ held).
  void writeOutput(Active& job, std::string_view data);
  void onDone(std::int64_t id, const runtime::CommandResult& result);
  void finishLocked(Active& job, std::vector<std::function<void()>>& wake, bool write = true);

  boost::asio::io_context& io_;
  runtime::Executor& executor_;
  JobLog& log_;
  std::string hostname_;
  std::uint64_t outputLimit_;
  std::mutex mutex_;
  std::map<std::int64_t, std::unique_ptr<Active>> active_;  // Queued and Running
  std::map<std::string, std::deque<std::int64_t>> queues_;  // front: running or next
  int spawnedGroup_ = -1;                                   // io_ only
  bool stopped_ = false;
};

}  // namespace magicc::agent
