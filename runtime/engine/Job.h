// What the engine runs: jobs (one node of one target) in a DAG, and the
// results of the commands they run.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace magicc::runtime {

enum class State : std::uint8_t { Incomplete, InProgress, Complete, Failed, Skipped };
const char* stateName(State s);

struct Job {
  std::string name;     // the node, e.g. make_coffee (TaskComplete for the sink)
  std::string target;   // "local" or a host name
  std::string command;  // the shell-ready command line; empty: nothing to run
  // Extra environment: interpolated values travel here, never inside the
  // command text, so no value can become shell code.
  std::vector<std::pair<std::string, std::string>> env;
  std::vector<std::uint32_t> successors;
  std::uint32_t predecessors = 0;
  int retries = 0;
  std::chrono::milliseconds retryDelay{0};
  std::chrono::milliseconds timeout{0};  // 0: none
};

struct CommandResult {
  int exitCode = 0;     // valid when signal == 0
  int signal = 0;       // the signal that ended the process, if any
  bool timedOut = false;
  bool failedToStart = false;
  std::string error;    // why it failed to start
  std::string stdoutTail, stderrTail;  // the last bytes of each stream
  bool ok() const { return !failedToStart && !timedOut && signal == 0 && exitCode == 0; }
};

}  // namespace magicc::runtime
