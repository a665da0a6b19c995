// Commands over SSH: the system OpenSSH client, so the operator's
// ssh_config, agent and known_hosts apply. One multiplexed master per host
// (ControlMaster/ControlPersist, sockets in a private 0700 directory),
// BatchMode (never a password prompt), strict host key checking unless
// --ssh-accept-new, a connect timeout. Commands run through persistent
// sessions over the masters (SshSession.h: the login shell is paid once per
// session, not per command); where a host cannot keep one, each command is
// a channel of its own running it under /bin/sh with its values as
// shell-quoted environment assignments. SshBackend (SshBackend.h) hands out
// its hosts' operations on top of it.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "backends/Backend.h"
#include "backends/Executor.h"
#include "backends/LocalRunner.h"
#include "backends/SshMux.h"
#include "backends/SshSession.h"

namespace magicc::runtime {

struct SshHost {
  std::string name;     // the inventory name
  std::string address;  // ansible_host (the name when unset)
  int port = 22;
  std::string user, identityFile;
};

struct SshOptions {
  std::string configFile;        // --ssh-config: passed as -F
  bool acceptNew = false;        // StrictHostKeyChecking=accept-new instead of yes
  int connectTimeout = 10;       // seconds
  bool persistent = true;        // a persistent session per host (else a channel per command)
  unsigned connectsAtOnce = 32;  // preflight: connections being made at a time
  // Told once per host that cannot keep a persistent session (and why).
  std::function<void(const std::string& message)> warn{};
};

class SshRunner final : public Executor {
 public:
  // Creates the private control directory; throws std::runtime_error.
  SshRunner(boost::asio::io_context& io, LocalRunner& local, SshOptions options,
            std::map<std::string, SshHost> hosts);
  ~SshRunner() override;

  // Connects to each host (the connection stays as its master) and reports,
  // per host, whether it is usable; `done` is called once all have answered.
  void preflight(const std::vector<std::string>& hosts,
                 std::function<void(std::map<std::string, HostReach>)> done);
  void run(const CommandSpec& spec, std::function<void(CommandResult)> done) override;
  void killAll() override {
    sessions_.killAll();
    mux_.killAll();
    local_.killAll();
  }
  void shutdown() override;

  // The ssh command line for `host` running `remote` (for tests and logs).
  std::vector<std::string> sshCommand(const SshHost& host, const std::string& remote) const;
  // The remote shell's command line for a spec.
  std::string remoteCommand(const CommandSpec& spec) const;

 private:
  void closeMasters();
  // A preflight probe's result, in an operator's words.
  HostReach reachOf(const std::string& name, const CommandResult& probe);
  // A channel of its own for the command (the path without a session).
  void runChannel(const CommandSpec& spec, std::function<void(CommandResult)> done);
  // The same through an `ssh` process of its own (no master to ride).
  void runSsh(const CommandSpec& spec, std::function<void(CommandResult)> done);
  std::vector<std::string> destinationArgs(const SshHost& host) const;
  std::string controlPathOf(const SshHost& host) const;

  boost::asio::io_context& io_;
  LocalRunner& local_;
  SshOptions options_;
  std::map<std::string, SshHost> hosts_;
  std::map<std::string, bool> root_;
  std::map<std::string, std::string> controlPath_;  // host -> its master's socket
  std::string controlDir_;
  SshMux mux_;
  SshSessions sessions_;
  bool closed_ = false;
};

// Why an ssh exit 255 happened, in an operator's words, from its stderr.
std::string describeSshFailure(const std::string& stderrText);

// The last line of what ssh printed on stderr: why it failed, in its words.
std::string lastLine(const std::string& text);

}  // namespace magicc::runtime
