#include "backends/SshRunner.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "backends/Command.h"

extern char** environ;

namespace magicc::runtime {

std::string lastLine(const std::string& text) {
  std::string t = text;
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
  std::size_t nl = t.rfind('\n');
  return nl == std::string::npos ? t : t.substr(nl + 1);
}

namespace {

bool contains(const std::string& text, const char* what) {
  return text.find(what) != std::string::npos;
}

}  // namespace

std::string describeSshFailure(const std::string& err) {
  if (contains(err, "REMOTE HOST IDENTIFICATION HAS CHANGED"))
    return "the host key does not match known_hosts (possible man-in-the-middle)";
  if (contains(err, "Host key verification failed"))
    return "the host key is not in known_hosts (StrictHostKeyChecking=yes; --ssh-accept-new "
           "accepts "
           "unknown keys on first use)";
  if (contains(err, "Permission denied")) return "authentication failed: " + lastLine(err);
  if (contains(err, "Connection refused")) return "connection refused";
  if (contains(err, "timed out")) return "connection timed out";
  if (contains(err, "Could not resolve hostname")) return lastLine(err);
  if (contains(err, "No route to host") || contains(err, "Network is unreachable"))
    return lastLine(err);
  std::string line = lastLine(err);
  return line.empty() ? "ssh failed (exit 255)" : line;
}

SshRunner::SshRunner(boost::asio::io_context& io, LocalRunner& local, SshOptions options,
                     std::map<std::string, SshHost> hosts)
    : io_(io),
      local_(local),
      options_(std::move(options)),
      hosts_(std::move(hosts)),
      mux_(io, 64 * 1024),
      sessions_(
          io,
          SshSessionOptions{.outputLimit = 64 * 1024,
                            .startTimeout = std::chrono::seconds(options_.connectTimeout + 5),
                            .warn = [this](const std::string& message) { options_.warn(message); }},
          [this](const CommandSpec& spec, std::function<void(CommandResult)> done) {
            runChannel(spec, std::move(done));
          }) {
  if (!options_.warn)
    options_.warn = [](const std::string& message) {
      std::fprintf(stderr, "magicc: warning: %s\n", message.c_str());
    };
  // Control sockets in a directory only we can enter: nobody else can ride
  // our authenticated connections.
  // ssh splits ControlPath on blanks and expands % in it: such a TMPDIR is not used.
  const char* tmp = std::getenv("TMPDIR");
  std::string base = tmp && *tmp ? tmp : "/tmp";
  if (base.find_first_of(" \t%") != std::string::npos) base = "/tmp";
  std::string templ = base + "/magicc-ssh-XXXXXX";
  if (!::mkdtemp(templ.data()))
    throw std::runtime_error("cannot create a directory for ssh control sockets");
  ::chmod(templ.c_str(), 0700);
  controlDir_ = templ;
  // One socket per host, named by us (not %C) so that commands can reach the
  // master directly (SshMux).
  std::size_t i = 0;
  for (const auto& [name, host] : hosts_)
    controlPath_[name] = controlDir_ + "/" + std::to_string(i++);
}

SshRunner::~SshRunner() {
  closeMasters();
}

std::string SshRunner::controlPathOf(const SshHost& host) const {
  auto it = controlPath_.find(host.name);
  return it != controlPath_.end() ? it->second : controlDir_ + "/%C";
}

// -F, -p, -l, -i as the config and the inventory say, then the destination.
std::vector<std::string> SshRunner::destinationArgs(const SshHost& host) const {
  std::vector<std::string> args;
  if (!options_.configFile.empty()) args.insert(args.end(), {"-F", options_.configFile});
  if (host.port != 22) args.insert(args.end(), {"-p", std::to_string(host.port)});
  if (!host.user.empty()) args.insert(args.end(), {"-l", host.user});
  if (!host.identityFile.empty()) args.insert(args.end(), {"-i", host.identityFile});
  args.push_back("--");
  args.push_back(host.address.empty() ? host.name : host.address);
  return args;
}

std::vector<std::string> SshRunner::sshCommand(const SshHost& host,
                                               const std::string& remote) const {
  std::vector<std::string> args{
      "ssh",
      "-o",
      "BatchMode=yes",
      "-o",
      options_.acceptNew ? "StrictHostKeyChecking=accept-new" : "StrictHostKeyChecking=yes",
      "-o",
      "ConnectTimeout=" + std::to_string(options_.connectTimeout),
      "-o",
      "ControlMaster=auto",
      "-o",
      "ControlPath=" + controlPathOf(host),
      "-o",
      "ControlPersist=120",
      "-o",
      "ServerAliveInterval=15",
      "-o",
      "LogLevel=ERROR"};
  std::vector<std::string> destination = destinationArgs(host);
  args.insert(args.end(), destination.begin(), destination.end());
  args.push_back(remote);
  return args;
}

// Without sudo or a timeout: `export` the values, then `exec` the command
// (through /bin/sh only when it has shell syntax), so the remote login shell
// starts nothing else. With them: `[sudo -n] env VALUES [timeout] /bin/sh -c`.
std::string SshRunner::remoteCommand(const CommandSpec& spec) const {
  bool root = false;
  if (auto it = root_.find(spec.host); it != root_.end()) root = it->second;
  bool sudo = spec.sudo && !root;
  std::string values = "MAGICC_NODE=" + shellQuote(spec.node) +
                       " MAGICC_HOST=" + shellQuote(spec.host) +
                       " MAGICC_RUN_ID=" + shellQuote(spec.runId);
  for (const auto& [k, v] : spec.env) values += " " + k + "=" + shellQuote(v);
  std::string command =
      needsShell(spec.command) ? "/bin/sh -c " + shellQuote(spec.command) : spec.command;
  if (!sudo && spec.timeout.count() == 0) return "export " + values + "; exec " + command;
  std::string out = sudo ? "sudo -n env " : "env ";
  out += values;
  if (spec.timeout.count() > 0) {
    // The remote side ends the command too: killing our ssh client alone
    // would leave it running there.
    long long secs = (spec.timeout.count() + 999) / 1000;
    out += " timeout -k 2 " + std::to_string(secs);
  }
  return out + " /bin/sh -c " + shellQuote(spec.command);
}

void SshRunner::run(const CommandSpec& spec, std::function<void(CommandResult)> done) {
  auto it = hosts_.find(spec.host);
  if (it == hosts_.end()) {
    CommandResult r;
    r.failedToStart = true;
    r.error = "no ssh settings for host '" + spec.host + "'";
    boost::asio::post(io_, [done, r] { done(r); });
    return;
  }
  if (options_.persistent) {
    bool root = false;
    if (auto r = root_.find(spec.host); r != root_.end()) root = r->second;
    sessions_.run(controlPathOf(it->second), spec, spec.sudo && !root, std::move(done));
    return;
  }
  runChannel(spec, std::move(done));
}

void SshRunner::runChannel(const CommandSpec& spec, std::function<void(CommandResult)> done) {
  auto it = hosts_.find(spec.host);
  // With a master up (preflight opened it), straight to it; else via ssh.
  mux_.start(controlPathOf(it->second), remoteCommand(spec), spec.input, spec.timeout, done,
             [this, spec, done] { runSsh(spec, done); });
}

void SshRunner::runSsh(const CommandSpec& spec, std::function<void(CommandResult)> done) {
  auto it = hosts_.find(spec.host);
  CommandSpec ssh;
  ssh.node = spec.node;
  ssh.host = spec.host;
  ssh.runId = spec.runId;
  ssh.timeout = spec.timeout;
  ssh.input = spec.input;
  ssh.argv = sshCommand(it->second, remoteCommand(spec));
  local_.run(ssh, [done = std::move(done)](CommandResult r) {
    // 255 is ssh's own failure (the connection), not the command's.
    if (!r.timedOut && r.signal == 0 && r.exitCode == 255) {
      r.failedToStart = true;
      r.error = "ssh: " + describeSshFailure(r.stderrTail);
    }
    done(std::move(r));
  });
}

void SshRunner::preflight(const std::vector<std::string>& hosts,
                          std::function<void(std::map<std::string, HostReach>)> done) {
  struct Round {
    std::vector<std::string> hosts;
    std::size_t next = 0, answered = 0;
    std::map<std::string, HostReach> results;
    std::function<void(std::map<std::string, HostReach>)> done;
  };
  auto round = std::make_shared<Round>();
  round->hosts = hosts;
  round->done = std::move(done);
  if (hosts.empty()) {
    boost::asio::post(io_, [round] { round->done({}); });
    return;
  }
  // At most connectsAtOnce handshakes at a time, like Ansible's forks: 200
  // key exchanges at once starve each other (and an sshd's MaxStartups)
  // into timeouts; a bounded window finishes sooner.
  auto launch = std::make_shared<std::function<void()>>();
  *launch = [this, round, weakLaunch = std::weak_ptr<std::function<void()>>(launch)] {
    const std::string name = round->hosts[round->next++];
    auto it = hosts_.find(name);
    CommandSpec probe;
    probe.node = "preflight";
    probe.host = name;
    // The connect timeout bounds the connection; this bounds a host that
    // accepts it and then never answers.
    probe.timeout = std::chrono::seconds(options_.connectTimeout + 5);
    SshHost host;
    host.name = host.address = name;
    if (it != hosts_.end()) host = it->second;
    probe.argv = sshCommand(host, "id -u");
    local_.run(probe, [this, name, round, launch = weakLaunch.lock()](CommandResult r) {
      round->results[name] = reachOf(name, r);
      if (round->next < round->hosts.size()) (*launch)();
      if (++round->answered == round->hosts.size()) {
        *launch = nullptr;  // it holds itself through its probes: let go
        round->done(round->results);
      }
    });
  };
  std::size_t window = std::max<std::size_t>(1, options_.connectsAtOnce);
  for (std::size_t i = 0; i < std::min(window, hosts.size()); ++i) (*launch)();
}

HostReach SshRunner::reachOf(const std::string& name, const CommandResult& r) {
  HostReach reach;
  if (r.ok()) {
    reach.ok = true;
    std::string uid = r.stdoutTail;
    while (!uid.empty() && (uid.back() == '\n' || uid.back() == ' ')) uid.pop_back();
    reach.root = uid == "0";
    root_[name] = reach.root;
  } else if (r.failedToStart) {
    reach.error = r.error;  // e.g. no ssh client here
  } else if (r.timedOut) {
    reach.error = "no answer within the connect timeout";
  } else if (r.exitCode == 255) {
    reach.error = describeSshFailure(r.stderrTail);
  } else {
    reach.error = "`id -u` failed: " + (r.stderrTail.empty() ? "exit " + std::to_string(r.exitCode)
                                                             : lastLine(r.stderrTail));
  }
  return reach;
}

void SshRunner::shutdown() {
  sessions_.shutdown();
  closeMasters();
  local_.shutdown();
}

// `ssh -O exit` per host ends its master; then the directory goes.
void SshRunner::closeMasters() {
  if (closed_ || controlDir_.empty()) return;
  closed_ = true;
  std::error_code ec;
  bool anyMaster =
      std::filesystem::exists(controlDir_, ec) && !std::filesystem::is_empty(controlDir_, ec);
  std::vector<pid_t> closers;
  for (const auto& [name, host] : hosts_) {
    if (!anyMaster) break;
    std::string socket = controlPathOf(host);
    if (!std::filesystem::exists(socket, ec)) continue;  // no master for this host
    if (SshMux::terminate(socket)) continue;
    // The master would not answer the protocol: let ssh ask it.
    std::vector<std::string> args{"ssh", "-o", "ControlPath=" + controlPathOf(host), "-O", "exit"};
    std::vector<std::string> destination = destinationArgs(host);
    args.insert(args.end(), destination.begin(), destination.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    if (posix_spawnp(&pid, "ssh", &actions, nullptr, argv.data(), environ) == 0)
      closers.push_back(pid);
    posix_spawn_file_actions_destroy(&actions);
  }
  // All at once, then wait for them all.
  for (pid_t pid : closers) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  std::filesystem::remove_all(controlDir_, ec);
}

}  // namespace magicc::runtime
