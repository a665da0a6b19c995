// A client of OpenSSH's connection multiplexing (PROTOCOL.mux in OpenSSH):
// it asks a running ControlMaster for a new session over its Unix socket and
// passes it our pipes as the session's stdin, stdout and stderr. This is
// what `ssh -S socket host command` does, without starting an ssh process
// for every command (whose start-up is most of a command's cost once the
// master is up).
#pragma once

#include <boost/asio/io_context.hpp>
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

  // Starts `command` in a new session of the master at `socketPath`. Returns
  // false (and calls nothing) when there is no usable master there: the
  // caller then runs `ssh` instead. Otherwise `done` is called once, later.
  bool start(const std::string& socketPath, const std::string& command, const std::string& input,
             std::chrono::milliseconds timeout, std::function<void(CommandResult)> done);
  // Opens a session of the master at `socketPath` running `command`, its
  // stdin a pipe we write (or /dev/null without `withInput`: `channel.in`
  // is then -1). False when there is no usable master there.
  static bool open(const std::string& socketPath, const std::string& command, bool withInput,
                   MuxChannel& channel);
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
