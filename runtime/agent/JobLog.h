// The agent's state on disk: the job log (the last 1000 jobs, with their
// output files) and the metadata, in SQLite in the state directory, so that
// both survive a restart. Not thread-safe: the caller serialises access.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "agent/JobRecord.h"

namespace magicc::store {
class Database;
}

namespace magicc::agent {

class JobLog {
 public:
  static constexpr std::size_t kKeep = 1000;

  // Opens (or creates) `dir`/jobs.db and `dir`/output/; throws
  // std::runtime_error saying why not. Jobs left Queued or Running by an
  // agent that died become Error "agent restarted".
  explicit JobLog(const std::string& dir, std::size_t keep = kKeep);
  ~JobLog();

  // Records a new job and gives it its id; prunes the oldest finished jobs
  // (and their output) beyond `keep`.
  std::int64_t add(JobRecord& job);
  void update(const JobRecord& job);
  // Many at once, in one transaction.
  void updateAll(const std::vector<JobRecord>& jobs);
  std::optional<JobRecord> find(std::int64_t id);
  // Newest first; `queue` "" for every queue.
  std::vector<JobRecord> latest(std::size_t limit, const std::string& queue = {});
  // Jobs by status, over the whole log.
  std::vector<std::pair<std::string, std::int64_t>> countByStatus();
  // Marks every Queued or Running job Error with `why`; returns how many.
  std::size_t failUnfinished(const std::string& why);

  std::string outputPath(std::int64_t id) const;

  nlohmann::json metadata();
  void setMetadata(const nlohmann::json& object);

 private:
  std::string dir_;
  std::size_t keep_;
  std::unique_ptr<store::Database> db_;
};

}  // namespace magicc::agent
