// Running a command line for a node on a host, with extra environment, and
// reporting how it ended: LocalRunner spawns processes here, SshRunner runs
// them on a host over ssh. Backends (Backend.h) run commands through one.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "program/Job.h"

namespace magicc::runtime {

struct CommandSpec {
  std::string command;  // shell-ready; run without a shell when it needs none
  Values env;           // interpolated values, by reference from the command
  std::string node, host;
  // The run that asks: the command carries it (MAGICC_RUN_ID) and the
  // leftovers bookkeeping records it; a backend has no run of its own.
  std::string runId;
  std::chrono::milliseconds timeout{0};  // 0: none
  bool sudo = false;
  // The local backend: when set, exactly these words run (no shell, no
  // sudo wrapping), e.g. an ssh command line built by the SSH backend.
  std::vector<std::string> argv;
  std::string input;  // written to the command's stdin (else /dev/null)
  // Told each piece of stdout and stderr as it is read, before `done` (the
  // agent streams a job's output while it runs). The local runner only.
  std::function<void(std::string_view)> output{};
};

class Executor {
 public:
  virtual ~Executor() = default;
  // `done` is called once, later, on the io_context.
  virtual void run(const CommandSpec& spec, std::function<void(CommandResult)> done) = 0;
  // Kills everything still running (a second SIGINT).
  virtual void killAll() = 0;
  // The run is over: stop waiting for anything.
  virtual void shutdown() {}
};

}  // namespace magicc::runtime
