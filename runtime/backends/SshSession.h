// The persistent executor: per host, a few long-lived sessions over the
// host's master, each running the driver of SshDriver.h, so a command costs
// one request on an open session instead of a channel and a login shell.
// A session runs one command at a time; commands that find every session
// busy open another, up to a limit per host (the sshd's MaxSessions: a
// refused session lowers it), or wait. Where no session can start (no
// /bin/sh, a login shell that will not exec it), the host's commands take
// the fallback (a channel per command) and `warn` says so once.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "backends/Executor.h"
#include "backends/SshMux.h"

namespace magicc::runtime {

struct SshSessionOptions {
  std::size_t outputLimit = 64 * 1024;            // bytes kept of each stream (the tail)
  std::chrono::milliseconds startTimeout{15000};  // login shell and driver start-up
  unsigned maxPerHost = 8;                        // sessions (sshd's MaxSessions is 10 by default)
  // Sessions open at once over all hosts (4 descriptors each): past it, an
  // idle session of another host is closed before one opens.
  unsigned maxOpen = 200;
  std::chrono::milliseconds killGrace{2000};  // a timed out command: TERM, then KILL
  std::function<void(const std::string& message)> warn{};
};

class SshSessions {
 public:
  using Fallback = std::function<void(const CommandSpec&, std::function<void(CommandResult)>)>;
  SshSessions(boost::asio::io_context& io, SshSessionOptions options, Fallback fallback);
  ~SshSessions();
  SshSessions(const SshSessions&) = delete;
  SshSessions& operator=(const SshSessions&) = delete;

  // Runs `spec` on its host through a session of the master at
  // `socketPath` (`sudo`: under sudo -n). `done` is called once, later.
  void run(const std::string& socketPath, const CommandSpec& spec, bool sudo,
           std::function<void(CommandResult)> done);
  // Ends every session: their drivers kill what still runs (a second SIGINT).
  void killAll();
  // The run is over: closes every session.
  void shutdown() { closeAll("ssh: the run ended"); }

  class Driver;
  struct Host;
  struct Job {
    CommandSpec spec;
    bool sudo = false;
    std::function<void(CommandResult)> done;
  };

 private:
  friend class Driver;
  Host& hostOf(const std::string& name, bool sudo, const std::string& socketPath);
  void submit(Host& host, Job job);
  void dispatch(Host& host);
  // A command the host's sessions cannot take: a sudo host's go to its
  // plain sessions (under sudo -n each), others to the fallback.
  void fallBack(Host& host, Job job);
  // A session asked of the master opened (or not).
  void opened(Host& host, bool ok, const MuxChannel& channel);
  void ready(Host& host);
  void idle(Host& host) { dispatch(host); }
  void startFailed(Host& host, Driver& driver, const std::string& why);
  void died(Host& host, Driver& driver);
  void forget(Host& host, Driver& driver);
  void closeAll(const char* why);
  // Closes an idle session of a host other than `busy`; false if none.
  bool evictIdle(const Host& busy);

  boost::asio::io_context& io_;
  SshSessionOptions options_;
  Fallback fallback_;
  std::map<std::string, std::unique_ptr<Host>> hosts_;
  std::size_t open_ = 0;  // sessions open or opening, all hosts
  // Answers that come after closeAll (a generation later) or after the
  // destructor close what they opened.
  std::uint64_t generation_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace magicc::runtime
