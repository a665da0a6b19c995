// A client of OpenSSH's connection multiplexing (PROTOCOL.mux in OpenSSH):
// it asks a running ControlMaster for a new session over its Unix socket and
// passes it our pipes as the session's stdin, stdout and stderr. This is
// what `ssh -S socket host command` does, without starting an ssh process
// for every command (whose start-up is most of a command's cost once the
// master is up).
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "program/Job.h"

namespace magicc::runtime {

class SshMuxSession;

// A session of a master as raw descriptors (all O_CLOEXEC; ours to close):
// the control socket (its exit message, then EOF, when the remote command
// ends), the write end of the command's stdin, the read ends of its stdout
// and stderr.
struct MuxChannel {
  int socket = -1, in = -1, out = -1, err = -1;
};

class SshMux {
 public:
  SshMux(boost::asio::io_context& io, std::size_t outputLimit)
      : io_(io), outputLimit_(outputLimit) {}

  // How long a master has to answer our hello before it counts as wedged.
  static constexpr std::chrono::milliseconds kHelloPatience{2000};

  // Starts `command` in a new session of the master at `socketPath`; `done`
  // is called once, later. When there is no usable master there (none, or
  // it does not answer), `noMaster` is called instead (later too): the
  // caller then runs `ssh`. Never blocks the loop.
  void start(const std::string& socketPath, const std::string& command, const std::string& input,
             std::chrono::milliseconds timeout, std::function<void(CommandResult)> done,
             std::function<void()> noMaster);
  // Opens a session of the master at `socketPath` running `command`, its
  // stdin a pipe we write (or /dev/null without `withInput`: `channel.in`
  // is then -1). False when there is no usable master there. Blocks up to
  // 2 s for the master's hello.
  static bool open(const std::string& socketPath, const std::string& command, bool withInput,
                   MuxChannel& channel);
  // The same without blocking: the master's hello is awaited on `io`, at
  // most `patience`, so one wedged master never pauses the other hosts.
  // `done(ok, channel)` is called once, later, never in place.
  static void asyncOpen(boost::asio::io_context& io, const std::string& socketPath,
                        const std::string& command, bool withInput,
                        std::chrono::milliseconds patience,
                        std::function<void(bool ok, MuxChannel channel)> done);
  // Asks the master at `socketPath` to exit (`ssh -O exit`); false when
  // there is none or it did not agree.
  static bool terminate(const std::string& socketPath);
  // Ends every session (a second SIGINT): their channels close.
  void killAll();

 private:
  friend class SshMuxSession;

  boost::asio::io_context& io_;
  std::size_t outputLimit_;
  std::vector<std::weak_ptr<SshMuxSession>> sessions_;
};

}  // namespace magicc::runtime
