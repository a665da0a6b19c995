// What the runtime asks of the machines it works on. A backend connects its
// hosts (preflight) and then hands out each host's operations: run a
// command, read a file's state, write or remove a file, and call a method
// (the agent's JSON-RPC). Resources are written against `HostOps` only, so
// the same `file` resource works on this machine, over SSH and through an
// agent. A run routes per host (ansible_connection), so one run can mix
// local, SSH and agent hosts behind one `Backend` (RoutingBackend.h).
//
// Every callback is called exactly once, later, on the backend's
// io_context, never from inside the call that was given it (an operation's
// `audit` hook excepted: it is told as the operation acts).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "backends/Executor.h"
#include "backends/FileState.h"
#include "program/ActionRecord.h"
#include "program/Job.h"

namespace magicc::runtime {

// Who asks for an operation: recorded with what it starts (the journal's
// leftovers, the remote MAGICC_RUN_ID), so one backend can serve many runs.
struct OpContext {
  std::string runId;
  std::string node;
  std::chrono::milliseconds timeout{0};  // 0: none
  bool sudo = false;
  // The audit log: told before a file operation acts (result "start") and
  // after (its result). A host reached by commands records each command it
  // runs for the operation, as it ran (action "check", "write", "remove");
  // in-process work records a change in the caller's words (FileWrite's
  // `summary`). Reads done in-process change nothing and are not recorded.
  std::function<void(const ActionRecord&)> audit{};
};

// What connecting to a host found.
struct HostReach {
  bool ok = false;
  bool root = false;   // the remote user is root: sudo: true needs no sudo
  bool local = false;  // this machine: nothing had to be connected
  std::string error;   // why not, in an operator's words
};

// A write: the content travels as data (stdin, a request body), never on a
// command line, into a temp file beside `path` that is renamed over it.
struct FileWrite {
  std::string path;
  std::string content;
  unsigned mode = 0644;
  bool modeOnly = false;  // only set the mode of the existing file
  // How the audit log names this write where no command line says it (work
  // done in-process, an agent's request): never the content itself.
  std::string summary{};
};

// Whether a stat reads the content to digest it (a `file` resource compares
// digests; `exec`'s `creates` only asks whether the path exists).
enum class FileDigest : bool { None, Sha256 };

// How an operation ended: `ok()`, or why not, in the words of a command's
// result (a host reached by commands reports its command's exit and output).
using OpStatus = CommandResult;

class HostOps {
 public:
  virtual ~HostOps() = default;
  virtual const std::string& name() const = 0;
  // Whether this host's files are this machine's files.
  virtual bool local() const = 0;
  // `spec.host` is this host; `spec.runId` says which run asks.
  virtual void run(const CommandSpec& spec, std::function<void(CommandResult)> done) = 0;
  // What is at `path` (a link is not followed: it is there, and not regular).
  virtual void stat(const OpContext& context, const std::string& path, FileDigest digest,
                    std::function<void(FileState, OpStatus)> done) = 0;
  virtual void put(const OpContext& context, const FileWrite& write,
                   std::function<void(OpStatus)> done) = 0;
  // The content of the regular file at `path`, up to `limit` bytes (--diff's
  // "before"). Reads change nothing: only hosts reached by commands audit
  // theirs ("read"), as they audit every command.
  virtual void read(const OpContext& context, const std::string& path, std::size_t limit,
                    std::function<void(FileContent, OpStatus)> done) = 0;
  // Removes the file at `path`; a path with nothing there is fine.
  virtual void remove(const OpContext& context, const std::string& path,
                      std::function<void(OpStatus)> done) = 0;
  // A method of the host's agent; hosts without one answer with an error.
  virtual void call(const OpContext& context, const std::string& method,
                    const nlohmann::json& params,
                    std::function<void(nlohmann::json result, std::string error)> done) = 0;
};

class Backend {
 public:
  virtual ~Backend() = default;
  // Connects each host and reports, per host, whether it is usable; `done`
  // is called once all have answered. Hosts that need no connection (this
  // machine) answer ok at once, with `local` set.
  virtual void connect(const std::vector<std::string>& hosts,
                       std::function<void(std::map<std::string, HostReach>)> done) = 0;
  // The operations of one host (any name the run's jobs use, "local" too).
  // The reference lives as long as the backend.
  virtual HostOps& host(const std::string& name) = 0;
  // Kills everything still running (a second SIGINT).
  virtual void killAll() = 0;
  // The run is over: close connections, stop waiting.
  virtual void shutdown() = 0;
};

// The error of `call` on a host that runs no agent.
inline std::string noAgentError(const std::string& host) {
  return "host '" + host + "' has no agent";
}

// A failed operation's status: `why`, as a command that could not start.
inline OpStatus opFailure(std::string why) {
  OpStatus s;
  s.failedToStart = true;
  s.error = std::move(why);
  return s;
}

}  // namespace magicc::runtime
