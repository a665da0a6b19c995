// What a run tells whoever watches it, as typed values: the console printer
// (tools/magicc/RunReport.cpp), the NDJSON stream of --json (EventJson.h),
// and later the task server and the agent. Texts in events that came from
// commands (reasons, output tails, summarize tables) are already redacted
// by the session; printers still pass what they print through the run's
// Redactor, so a secret learnt later is hidden too.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>

#include "program/Job.h"

namespace magicc::runtime {

// Output as reports show it: without the trailing newline and blanks.
inline std::string trimEnd(std::string s) {
  while (!s.empty() &&
         (s.back() == '\n' || s.back() == ' ' || s.back() == '\r' || s.back() == '\t'))
    s.pop_back();
  return s;
}

// Seconds since the epoch, when the event happened.
double eventTime();

// Before the first job starts (after the restored ones are known).
struct RunStarted {
  double time = 0;
  std::string runId;
  std::size_t jobs = 0;      // all jobs, hidden ones too
  bool checkOnly = false;    // --check
  std::size_t restored = 0;  // shown jobs complete (or failed within budget) from before
};

// --resume: a job that stays as an earlier attempt of the run left it.
struct JobRestored {
  std::uint32_t job = 0;
  State state = State::Complete;  // Complete, or Failed within its stage's budget
};

// A job that runs something starts (milestones never start).
struct JobStarted {
  double time = 0;
  std::uint32_t job = 0;
  int attempt = 1;
  unsigned running = 0;  // jobs running now, this one included
};

struct JobRetrying {
  double time = 0;
  std::uint32_t job = 0;
  int attempt = 0;     // the attempt that failed
  std::string reason;  // describeFailure of that attempt
};

// A shown job (not a hidden barrier) is finished.
struct JobFinished {
  double time = 0;
  std::uint32_t job = 0;
  State state = State::Complete;
  bool hasResult = false;  // it ran (or failed) rather than completing as a milestone or skip
  bool changed = false;
  std::string action;                  // "applied", "in state", ... (resources)
  std::string reason;                  // Failed: describeFailure
  bool stopped = false;                // Failed: killed by a second interrupt, not its own doing
  std::string stdoutTail, stderrTail;  // the last bytes of each stream
  std::string diff;                    // --diff: a file resource's change (FileDiff.h)
  double seconds = 0;                  // since it started (0 when it never did)
  unsigned running = 0;                // jobs still running
};

// Every task of a stage is finished (restored ones included), or the run
// ends with the stage begun but not finished (an interrupt, a failure that
// stops the run): then `notRun` of its tasks never ran.
struct StageFinished {
  double time = 0;
  int stage = 0;
  std::size_t ok = 0, failed = 0, skipped = 0;
  std::size_t stopped = 0;   // killed by a second interrupt (not counted as failed)
  std::size_t notRun = 0;    // never started: the run ended first
  bool interrupted = false;  // the run was interrupted before the stage finished
  double seconds = 0;        // first start to last finish
  // summarize: the trimmed output of each completed task -> how many tasks gave it.
  std::map<std::string, std::size_t> outputs;
};

// A line outside the flow of jobs: an interrupt, leftovers of a killed run.
struct Notice {
  std::string text;
  bool interrupt = false;  // the first interrupt: nothing new starts from now on
};

// Preflight: a host cannot be reached. `fatal` when the run does not go on
// without it (no --skip-unreachable).
struct HostUnreachable {
  std::string host;
  std::string error;
  bool fatal = true;
};

struct RunFinished {
  double time = 0;
  std::string runId;
  bool checkOnly = false;
  std::size_t ok = 0, changed = 0, failed = 0;
  std::size_t stopped = 0;   // killed by a second interrupt (not counted as failed)
  std::size_t skipped = 0;   // skipped, and never run (an interrupt, a failure)
  std::size_t restored = 0;  // as in RunStarted
  double seconds = 0;
  bool interrupted = false;
  bool failedBeyondBudget = false;  // a failure not covered by a stage's max_fail
  int exitCode = 0;                 // 0, 1 (failed), 130 (interrupted)
};

using Event = std::variant<RunStarted, JobRestored, JobStarted, JobRetrying, JobFinished,
                           StageFinished, Notice, HostUnreachable, RunFinished>;

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void event(const Event& event) = 0;
};

}  // namespace magicc::runtime
