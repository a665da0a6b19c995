// What a state journal says about its runs, read without its lock (a run may
// be under way) and without writing: `magicc runs` and `magicc show`.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace magicc::store {

struct HistoryError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct RunSummary {
  std::string id, program, pipeline, status;  // status: running, done, failed, interrupted
  double started = 0, finished = 0;           // seconds since the epoch; 0: not finished
  std::map<std::string, int> states;          // nodes by latest state (COMPLETE, FAILED...)
  int changed = 0;                            // nodes that completed and changed something
};

struct NodeHistory {
  std::string target, name, state;
  int attempts = 0;
  bool changed = false;
  double seconds = 0;  // from its first start to its last transition
  std::string detail;  // the latest transition's: "exit 3", "a dependency failed", ...
  std::string stdoutTail, stderrTail;  // of its last failed attempt (redacted when written)
};

struct RunDetail {
  RunSummary run;
  std::vector<NodeHistory> nodes;  // in the run's order
};

// Every run in the journal at `path`, oldest first. Throws HistoryError.
std::vector<RunSummary> listRuns(const std::string& path);

// One run: `id` (or a unique prefix of it), or the latest when empty;
// nullopt when there is none such. Throws HistoryError.
std::optional<RunDetail> showRun(const std::string& path, const std::string& id);

}  // namespace magicc::store
