// The local backend: processes spawned (backends/Spawn.h) in their own process
// group (so a timeout kills everything they started), output captured into
// bounded buffers, exits and pipes waited on by Boost.Asio.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "backends/Executor.h"
#include "backends/Spawn.h"

namespace magicc::runtime {

struct LocalOptions {
  std::chrono::milliseconds killGrace{2000};  // SIGTERM, then SIGKILL after this
  std::size_t outputLimit = 64 * 1024;        // bytes kept of each stream (the tail)
  // Told of each command's process group once it is spawned, with its spec
  // (its run id, node and host): the journal keeps it, for --resume to find
  // what a killed run left running.
  std::function<void(const CommandSpec&, int pgid)> spawned{};
};

class LocalRunner final : public Executor {
 public:
  LocalRunner(boost::asio::io_context& io, LocalOptions options);
  ~LocalRunner() override;
  void run(const CommandSpec& spec, std::function<void(CommandResult)> done) override;
  void killAll() override;
  // Stops waiting for children: the run is over.
  void shutdown() override { sigchld_.cancel(); }

 private:
  struct Process;
  void waitForExits();
  void reap();
  void read(const std::shared_ptr<Process>& p, bool stdoutStream);
  void maybeFinish(const std::shared_ptr<Process>& p);
  const std::string& resolve(const std::string& name);

  boost::asio::io_context& io_;
  LocalOptions options_;
  boost::asio::signal_set sigchld_;
  std::map<int, std::shared_ptr<Process>> running_;        // by pid
  std::unordered_map<std::string, std::string> resolved_;  // command name -> path
  std::vector<std::string> baseEnv_;  // magicc's environment, for every command
  int devNull_ = -1;                  // every command's stdin when it has no input
  Spawner spawner_;
};

}  // namespace magicc::runtime
