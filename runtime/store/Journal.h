// The state journal: every run, every node's state and every transition, in
// a SQLite database (WAL). A transition is recorded before the runtime acts
// on it (the engine flushes before it starts anything), so after a crash or
// kill -9 the journal says what was COMPLETE and what may have been under
// way; `magicc run --resume` finishes from there. One magicc run holds the
// journal's lock at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "program/Job.h"
#include "store/Sqlite.h"

namespace magicc::store {

// Another run holds the lock.
struct LockedError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct RunRecord {
  std::string id;
  std::string program;  // the program's path as given
  std::string sourceHash;
  std::string invocation;  // JSON: what to plan again on --resume
  std::string status;      // running, done, failed, interrupted
};

struct NodeRecord {
  std::string target, name;
  runtime::State state = runtime::State::Incomplete;
  bool changed = false;
};

class Journal {
 public:
  // Opens (creating the directory, mode 0700, and the database) and locks.
  static std::unique_ptr<Journal> open(const std::string& path);
  ~Journal();

  void beginRun(const RunRecord& run, const std::vector<runtime::Job>& jobs);
  // The most recent run of `program`, if any.
  std::optional<RunRecord> lastRun(const std::string& program);
  std::vector<NodeRecord> nodes(const std::string& runId);
  runtime::Values outs(const std::string& runId, std::uint32_t job);
  // Continues an earlier run: it is running again; what was not COMPLETE is
  // INCOMPLETE again.
  void resumeRun(const std::string& runId);

  void transition(std::uint32_t job, runtime::State state, int attempt, bool changed,
                  const std::string& detail);
  void recordOuts(std::uint32_t job, const runtime::Values& outs);
  // A failed attempt's output tails, already redacted.
  void recordTails(std::uint32_t job, int attempt, const std::string& stdoutTail,
                   const std::string& stderrTail);
  void finishRun(const std::string& status);
  // A command's process group, once spawned (committed with the next flush).
  void recordProcess(const std::string& host, const std::string& node, int pgid);
  // The process groups journaled for `runId`, and when it started.
  std::set<int> processGroups(const std::string& runId, double& started);
  // Makes everything recorded so far durable (commits the open transaction).
  void flush();

 private:
  Journal(std::unique_ptr<Database> db, int lockFd);
  void begin();

  std::unique_ptr<Database> db_;
  int lockFd_;
  std::string runId_;
  std::int64_t runKey_ = 0;
  bool inTransaction_ = false;
  std::unique_ptr<Statement> insertEvent_, insertOut_, insertProcess_;
};

}  // namespace magicc::store
