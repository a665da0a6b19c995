// What the engine runs: jobs (one node of one target, or one stage task) in a
// DAG, and the results of what they ran.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace magicc::runtime {

enum class State : std::uint8_t { Incomplete, InProgress, Complete, Failed, Skipped };
const char* stateName(State s);

using Values = std::vector<std::pair<std::string, std::string>>;

enum class JobKind : std::uint8_t {
  Milestone,  // nothing to run: an item without run:, TaskComplete, a barrier
  Command,    // an item's or a stage task's command
  Resource,   // check, then apply when the check says the state differs
  Call,       // a stage's call: a JSON-RPC method of a service on the host's agent
};

// An input of a resource that another resource's output sets (send/recv).
struct Receive {
  std::string input;
  std::uint32_t from = 0;  // the sending job
  std::string output;
};

struct Job {
  std::string name;    // the node, e.g. make_coffee (TaskComplete for the sink)
  std::string target;  // "local" or a host name
  JobKind kind = JobKind::Milestone;
  std::string command;  // Command: the shell-ready command line
  // Call: the method ("service.Method") and its params as a JSON object text.
  std::string method, args;
  // Extra environment: interpolated values travel here, never inside the
  // command text, so no value can become shell code.
  Values env;
  int resource = -1;  // Resource: index into the run's resource table
  std::vector<Receive> receives;
  std::vector<std::uint32_t> refreshFrom;  // ~> senders: refresh when one changed
  std::vector<std::uint32_t> successors;
  std::uint32_t predecessors = 0;
  int retries = 0;
  std::chrono::milliseconds retryDelay{0};
  std::chrono::milliseconds timeout{0};  // 0: none
  // Stage tasks: the stage (for its limits) and the host (for per_host).
  int stage = -1;
  std::uint32_t host = 0;
  std::string each;  // the foreach element, if any
  bool sudo = false;
  bool hidden = false;  // a barrier: not shown, not counted
  bool runs() const { return kind != JobKind::Milestone; }
};

// A stage's limits (0: no limit).
struct StageLimits {
  unsigned concurrency = 0;  // its tasks at once
  unsigned perHost = 0;      // its tasks at once on one host
  std::size_t maxFail = 0;   // failures tolerated before the pipeline stops
};

// What a job starts with: values received from senders that completed, and
// whether a refresh edge fired.
struct StartContext {
  int attempt = 1;
  bool refreshed = false;
  Values received;
  bool receivedUnknown = false;  // --check: a sender would change, its outputs are not known yet
  // Inputs whose sender completed without a value for them (in state this
  // run, and no earlier run recorded one): the job must not act on a guess.
  struct Missing {
    std::string input, sender, output;
  };
  std::vector<Missing> missing;
};

struct CommandResult {
  int exitCode = 0;  // valid when signal == 0
  int signal = 0;    // the signal that ended the process, if any
  bool timedOut = false;
  std::chrono::milliseconds timeout{0};  // the limit it ran into, when it timed out
  bool failedToStart = false;
  std::string error;                   // why it failed (to start)
  std::string stdoutTail, stderrTail;  // the last bytes of each stream
  // Resources: whether the state was changed (or, with --check, would be),
  // their outputs, and a word on what happened ("applied", "in state", ...).
  bool changed = false;
  bool outsUnknown = false;
  Values outs;
  std::string action;
  // --diff: what a file resource changed (or would), as FileDiff.h shows it;
  // for events only, never journaled.
  std::string diff;
  bool ok() const { return !failedToStart && !timedOut && signal == 0 && exitCode == 0; }
};

// A limit as an operator wrote it: "90s", "1500ms".
inline std::string shownLimit(std::chrono::milliseconds limit) {
  auto ms = limit.count();
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + "s" : std::to_string(ms) + "ms";
}

// Why a result is not ok, in words: the error, "timed out after 30s",
// "killed by signal 9" or "exit 3".
inline std::string describeFailure(const CommandResult& r) {
  if (r.failedToStart) return r.error;
  if (r.timedOut) {
    std::string out = "timed out";
    if (r.timeout.count() > 0) out += " after " + shownLimit(r.timeout);
    return out;
  }
  // Appended, not "literal" + string: GCC 12 warns falsely on the latter.
  std::string out = r.signal ? "killed by signal " : "exit ";
  out += std::to_string(r.signal ? r.signal : r.exitCode);
  return out;
}

}  // namespace magicc::runtime
