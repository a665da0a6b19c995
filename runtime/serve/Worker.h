// `magicc work`: mudpuppy's role. Threads pull ready items of every task
// from a task server, claim each with a random token, run its `run:`
// command through the local backend with the task's metadata as values,
// and record how it went in the item. Items without a command are left for
// people. Against `magicc serve` it claims in one request
// (POST /task/{uuid}/claim); against make-magic it takes an item with
// make-magic's guarded state change and checks the token it gets back.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace magicc::serve {

struct WorkerOptions {
  std::string server;                       // http://host:port
  unsigned jobs = 1;                        // items run at once
  std::vector<std::string> only;            // item names this worker runs (empty: any)
  std::string token;                        // bearer token, or ""
  std::chrono::milliseconds idleMax{2000};  // the longest pause between looks when idle
  // How long a result (or a claim whose answer was lost) is retried while
  // the server cannot be reached or answers 5xx (restarting).
  std::chrono::milliseconds patience{60000};
};

class Worker {
 public:
  Worker(WorkerOptions options, std::function<void(const std::string&)> log);
  ~Worker();
  // Works until stop(); returns 0, or 2 when the server never answered.
  int run();
  // Start nothing new: an item claimed and not started is given back;
  // commands running finish and are recorded. Any thread (a signal's too).
  void stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The values of a task's metadata for a command: strings as they are,
// anything else as JSON; `a.b` looks inside objects.
std::optional<std::string> metadataValue(const std::string& metadataJson, const std::string& name);

}  // namespace magicc::serve
