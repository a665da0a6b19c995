// The persistent executor's wire format. One session per host runs a small
// POSIX sh driver (driverScript) that reads requests on its stdin and runs
// each command as its own process group; the client (SshSession.h) writes
// requests and reads the commands' output back on the session's stdout and
// stderr, each command's output ended by a marker line that starts with a
// random token. The token travels on stdin (never on a command line, where
// `ps` would show it to a command that prints the process list), so no
// command output can end a frame by accident, and whatever a login shell
// prints before the driver's "TOKEN ready" line is discarded.
//
// Requests (client -> driver), one command at a time per session:
//   R ID LINES INPUTLEN\n SCRIPT INPUT   run SCRIPT (LINES lines, for /bin/sh) with
//                                       INPUT (INPUTLEN bytes, binary) on stdin
//   S ID LINES INPUTLEN\n SCRIPT INPUT   the same under `sudo -n`
//   K ID\n                               TERM the command's group (KILL 2 s later)
// Replies (driver -> client): the command's stdout, then on stdout
// "TOKEN ID x CODE\n" (it exited) or "TOKEN ID s SIGNAL\n" (a signal ended
// it); its stderr, then "TOKEN ID\n" on stderr.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "program/Job.h"

namespace magicc::runtime {

// The driver, as the remote command's argument to /bin/sh -c (no single
// quotes in it).
std::string driverScript();
// The session's remote command line: the login shell execs /bin/sh with the driver.
std::string driverCommand();
// A fresh random token (32 hex digits).
std::string driverToken();

// The script of one command: its values exported, then the command (exec'd
// when it has no shell syntax). An EXIT trap records the shell's normal
// exit, so that its exit status above 128 is not taken for a signal; an
// exec'd command that exits above 128 is (the shell's convention).
std::string driverCommandScript(const std::string& command, const Values& values);
std::string driverRequest(std::uint64_t id, bool sudo, std::string_view script,
                          std::string_view input);
std::string driverKill(std::uint64_t id);

// How a command ended, from the text after the token on stdout.
struct DriverExit {
  std::uint64_t id = 0;
  bool signaled = false;
  int code = 0;  // the exit status, or the signal
};
std::optional<DriverExit> parseDriverExit(std::string_view marker);

// Splits one stream into data and marker lines (the text after the token,
// without the newline). Data that might be the start of a token is held
// back until the next chunk says.
class DriverStreamScanner {
 public:
  explicit DriverStreamScanner(std::string token) : token_(std::move(token)) {}
  void feed(std::string_view chunk, const std::function<void(std::string_view)>& data,
            const std::function<void(std::string_view)>& marker);
  // Bytes held back (a partial token or marker line).
  std::size_t pending() const { return buffer_.size(); }

 private:
  std::string token_;
  std::string buffer_;
};

}  // namespace magicc::runtime
