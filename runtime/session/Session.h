// One run of a RunProgram, whichever front end asks (magicc run, the task
// server, a worker): the state journal records every transition, secret
// params and secret outputs are sealed in the secret store (never
// journaled), --resume continues the last unfinished run of the program
// when it would run the same jobs, what a killed run left running is
// settled first, every host is connected before anything runs, -j and
// --keep-going are applied, and an interrupt stops starting (a second one
// kills). What happens is told to an EventSink as typed events.
//
// The caller does the compiler's part: it plans (again from the resumed
// run's invocation), checks the source hash, lowers without the hosts
// connect() found unreachable, and prints the events. In order:
//   open() -> [resumable()] -> settleLeftovers() -> connect() -> run()
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "backends/Backend.h"
#include "engine/Engine.h"
#include "engine/Redactor.h"
#include "program/Program.h"
#include "session/Events.h"

namespace magicc::store {
class Journal;
class SecretStore;
}  // namespace magicc::store

namespace magicc::runtime {

class ResourceRunner;

struct SessionOptions {
  std::string program;         // the program's absolute path: what --resume looks for
  std::string statePath;       // the journal; the secret store and audit log live beside it
  bool checkOnly = false;      // --check: creates nothing, reads the secret store if there is one
  bool diff = false;           // --diff: file resources' changes in JobFinished::diff
  bool resume = false;         // continue the last unfinished run of `program`
  bool stopLeftovers = false;  // stop what the resumed run left running instead of waiting
  bool skipUnreachable = false;
  bool keepGoing = false;
  unsigned jobs = 0;  // 0: the cores here, 10 when a host is remote (it waits on the network)
};

// How a step ended. Exit codes as magicc's: 0 ok, 1 the program or its hosts
// refuse, 2 state or usage errors, 130 interrupted.
struct SessionStatus {
  int exitCode = 0;
  std::string error;  // what to say as an error, when not empty
  bool ok() const { return exitCode == 0; }
};

// The run --resume continues.
struct ResumableRun {
  std::string runId;
  std::string sourceHash;  // of the program it ran: it must not have changed
  std::string invocation;  // JSON: what to plan again (secret params left out)
  Values secretParams;     // the run's secret params, unsealed
};

struct ConnectResult : SessionStatus {
  std::set<std::string> unreachable;  // --skip-unreachable: lower without them
};

struct RunRequest {
  std::string sourceHash;
  // What to plan again on --resume; the session adds "jobs_digest".
  nlohmann::ordered_json invocation;
  Values secretParams;  // sealed in the secret store for --resume
};

struct RunResult : SessionStatus {
  std::string status;  // done, failed, interrupted; empty when it did not start
  RunSummary summary;
};

class Session {
 public:
  Session(boost::asio::io_context& io, SessionOptions options, EventSink& sink);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Opens the journal (locking it) and the secret store; with `resume`,
  // finds the run to continue. The run id is known from here on.
  SessionStatus open();
  const std::optional<ResumableRun>& resumable() const { return resumable_; }
  const std::string& runId() const { return runId_; }

  // A resumed run: commands the killed run left running end before their
  // jobs run again (waited for, or stopped with `stopLeftovers`).
  SessionStatus settleLeftovers();
  // A command's process group, once spawned: committed at once, so a kill -9
  // right after the spawn still leaves it for --resume to find.
  void recordProcess(const std::string& host, const std::string& node, int pgid);

  // Preflight: connects every host (runs the io_context until all answered
  // or cancel()). Unreachable hosts stop the run unless skipUnreachable.
  ConnectResult connect(Backend& backend, const std::vector<std::string>& hosts);

  // Runs `program` (which must outlive the call) to its end on the
  // io_context. The redactor learns the program's secrets first.
  RunResult run(Backend& backend, const RunProgram& program, RunRequest request);

  // Every secret the run knows; printers pass their text through it.
  const Redactor& redactor() const { return redactor_; }

  // From a signal handler on the io_context: the first cancel starts
  // nothing new and lets running work finish (while connecting, it stops);
  // every later one kills what runs.
  void cancel();
  void kill();

 private:
  class Recorder;
  enum class Phase { Idle, Connecting, Running };

  void emit(const Event& event) { sink_.event(event); }
  unsigned jobsFor(Backend& backend, const RunProgram& program) const;

  boost::asio::io_context& io_;
  SessionOptions options_;
  EventSink& sink_;
  std::string stateDir_;
  std::unique_ptr<store::Journal> journal_;
  std::unique_ptr<store::SecretStore> secrets_;
  std::optional<ResumableRun> resumable_;
  std::string runId_;
  Redactor redactor_;
  bool remote_ = false;  // some connected host is not this machine
  Phase phase_ = Phase::Idle;
  bool interrupted_ = false;
  int cancels_ = 0;
  Backend* backend_ = nullptr;  // while connecting or running
  Engine* engine_ = nullptr;    // while running
  ResourceRunner* runner_ = nullptr;
};

}  // namespace magicc::runtime
