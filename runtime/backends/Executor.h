// What a backend does for the runtime: run a command line for a node on a
// host, with extra environment, and report how it ended. The local backend
// spawns processes; SSH and agent backends run them remotely.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "program/Job.h"

namespace magicc::runtime {

struct CommandSpec {
  std::string command;  // shell-ready; run without a shell when it needs none
  Values env;           // interpolated values, by reference from the command
  std::string node, host;
  std::string runId;                     // the run that asks (empty: the backend's own)
  std::chrono::milliseconds timeout{0};  // 0: none
  bool sudo = false;
  // The local backend: when set, exactly these words run (no shell, no
  // sudo wrapping), e.g. an ssh command line built by the SSH backend.
  std::vector<std::string> argv;
  std::string input;  // written to the command's stdin (else /dev/null)
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
  // Whether the files of `host` are files of this machine.
  virtual bool local(const std::string& host) const { return true; }
};

}  // namespace magicc::runtime
