#include "backends/LocalRunner.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <cstdlib>
#include <cstring>

#include "backends/Command.h"
#include "backends/Spawn.h"

extern char** environ;

namespace magicc::runtime {

namespace asio = boost::asio;

struct LocalRunner::Process {
  int pid = -1;
  std::unique_ptr<asio::posix::stream_descriptor> out, err, in;
  std::string input;
  // Not zeroed: each read fills what it hands on (two 8 KiB memsets per command).
  std::array<char, 8192> outChunk, errChunk;
  std::string outBuf, errBuf;
  bool outDone = false, errDone = false, exited = false;
  int status = 0;
  bool timedOut = false;
  std::chrono::milliseconds limit{0};
  std::unique_ptr<asio::steady_timer> timeout, grace;
  std::function<void(CommandResult)> done;
  std::function<void(std::string_view)> output;
};

LocalRunner::LocalRunner(asio::io_context& io, LocalOptions options)
    : io_(io),
      options_(std::move(options)),
      sigchld_(io, SIGCHLD),
      devNull_(::open("/dev/null", O_RDONLY | O_CLOEXEC)) {
  // magicc's environment, copied once rather than per spawn (magicc never
  // changes it), without the values each command gets its own of.
  for (char** e = environ; *e; ++e) {
    std::string_view v(*e);
    if (v.rfind("MAGICC_NODE=", 0) == 0 || v.rfind("MAGICC_HOST=", 0) == 0 ||
        v.rfind("MAGICC_RUN_ID=", 0) == 0)
      continue;
    baseEnv_.emplace_back(v);
  }
  waitForExits();
}

LocalRunner::~LocalRunner() {
  killAll();
  if (devNull_ >= 0) ::close(devNull_);
}

void LocalRunner::waitForExits() {
  sigchld_.async_wait([this](const boost::system::error_code& ec, int) {
    if (ec) return;
    reap();
    waitForExits();
  });
}

void LocalRunner::reap() {
  // Collect first, finish after: finishing runs the engine, which may start
  // (and reap) other processes and so change running_.
  std::vector<std::shared_ptr<Process>> exited;
  for (auto& [pid, p] : running_) {
    if (p->exited) continue;
    int status = 0;
    if (waitpid(p->pid, &status, WNOHANG) == p->pid) {
      p->exited = true;
      p->status = status;
      exited.push_back(p);
    }
  }
  for (auto& p : exited) maybeFinish(p);
}

void LocalRunner::read(const std::shared_ptr<Process>& p, bool stdoutStream) {
  auto& stream = stdoutStream ? *p->out : *p->err;
  auto& chunk = stdoutStream ? p->outChunk : p->errChunk;
  stream.async_read_some(
      asio::buffer(chunk),
      [this, p, stdoutStream](const boost::system::error_code& ec, std::size_t n) {
        std::string& buf = stdoutStream ? p->outBuf : p->errBuf;
        if (n > 0) {
          if (p->output)
            p->output(std::string_view((stdoutStream ? p->outChunk : p->errChunk).data(), n));
          buf.append((stdoutStream ? p->outChunk : p->errChunk).data(), n);
          // Keep the tail: what a failure report shows is the end of the output.
          if (buf.size() > 2 * options_.outputLimit)
            buf.erase(0, buf.size() - options_.outputLimit);
        }
        if (ec) {
          (stdoutStream ? p->outDone : p->errDone) = true;
          maybeFinish(p);
          return;
        }
        read(p, stdoutStream);
      });
}

void LocalRunner::maybeFinish(const std::shared_ptr<Process>& p) {
  if (!p->exited || !p->outDone || !p->errDone || !p->done) return;
  CommandResult r;
  if (WIFEXITED(p->status)) r.exitCode = WEXITSTATUS(p->status);
  if (WIFSIGNALED(p->status)) r.signal = WTERMSIG(p->status);
  r.timedOut = p->timedOut;
  if (p->timedOut) r.timeout = p->limit;
  auto tail = [&](std::string& s) {
    if (s.size() > options_.outputLimit) s.erase(0, s.size() - options_.outputLimit);
    return std::move(s);
  };
  r.stdoutTail = tail(p->outBuf);
  r.stderrTail = tail(p->errBuf);
  // The timeout stays armed until the output is closed too: a background
  // child holding the pipes is part of the command.
  if (p->timeout) p->timeout->cancel();
  if (p->grace) p->grace->cancel();
  // Its pipes are closed now, not when the last handler lets go of it: `done`
  // starts the next command, and a reap that finishes many at once would
  // otherwise hold every finished command's pipes until it returns.
  p->out.reset();
  p->err.reset();
  auto done = std::move(p->done);
  p->done = nullptr;
  running_.erase(p->pid);
  done(std::move(r));
}

void LocalRunner::run(const CommandSpec& job, std::function<void(CommandResult)> done) {
  auto fail = [&](const std::string& why) {
    CommandResult r;
    r.failedToStart = true;
    r.error = why;
    asio::post(io_, [done, r] { done(r); });
  };
  std::vector<std::string> args;
  if (!job.argv.empty())
    args = job.argv;
  else if (needsShell(job.command))
    args = {"/bin/sh", "-c", job.command};
  else
    args = splitWords(job.command);
  if (args.empty()) return fail("empty command");
  // sudo resets the environment: the values go on env's command line (they
  // are never secrets: the checker keeps secrets out of commands).
  if (job.sudo && job.argv.empty() && geteuid() != 0) {
    std::vector<std::string> wrapped{"sudo", "-n", "--", "env"};
    for (const auto& [k, v] : job.env) wrapped.push_back(k + "=" + v);
    wrapped.push_back("MAGICC_NODE=" + job.node);
    wrapped.push_back("MAGICC_HOST=" + job.host);
    wrapped.push_back("MAGICC_RUN_ID=" + job.runId);
    wrapped.insert(wrapped.end(), args.begin(), args.end());
    args = std::move(wrapped);
  }

  // Opened once, not per command (make's children get its stdin instead).
  if (job.input.empty() && devNull_ < 0) return fail("cannot open /dev/null");
  int outPipe[2], errPipe[2], inPipe[2] = {-1, -1};
  if (pipe2(outPipe, O_CLOEXEC) != 0) return fail(std::strerror(errno));
  if (pipe2(errPipe, O_CLOEXEC) != 0) {
    close(outPipe[0]);
    close(outPipe[1]);
    return fail(std::strerror(errno));
  }
  if (!job.input.empty() && pipe2(inPipe, O_CLOEXEC) != 0) {
    for (int fd : {outPipe[0], outPipe[1], errPipe[0], errPipe[1]}) close(fd);
    return fail(std::strerror(errno));
  }
  // magicc's environment (kept once, see the constructor), then the command's.
  std::vector<std::string> env;
  for (const auto& [k, v] : job.env) env.push_back(k + "=" + v);
  env.push_back("MAGICC_NODE=" + job.node);
  env.push_back("MAGICC_HOST=" + job.host);
  env.push_back("MAGICC_RUN_ID=" + job.runId);
  std::vector<char*> argv, envp;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  envp.reserve(baseEnv_.size() + env.size() + 1);
  for (const auto& e : baseEnv_) envp.push_back(const_cast<char*>(e.c_str()));
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);

  SpawnRequest request;
  request.path = resolve(args[0]).c_str();
  request.argv = argv.data();
  request.envp = envp.data();
  request.in = inPipe[0] >= 0 ? inPipe[0] : devNull_;
  request.out = outPipe[1];
  request.err = errPipe[1];
  int error = 0;
  pid_t pid = spawner_.spawn(request, error);
  close(outPipe[1]);
  close(errPipe[1]);
  if (inPipe[0] >= 0) close(inPipe[0]);
  if (pid < 0) {
    close(outPipe[0]);
    close(errPipe[0]);
    if (inPipe[1] >= 0) close(inPipe[1]);
    return fail(std::string("cannot run ") + args[0] + ": " + std::strerror(error));
  }

  if (options_.spawned) options_.spawned(job, pid);
  auto p = std::make_shared<Process>();
  p->pid = pid;
  p->done = std::move(done);
  p->output = job.output;
  p->out = std::make_unique<asio::posix::stream_descriptor>(io_, outPipe[0]);
  p->err = std::make_unique<asio::posix::stream_descriptor>(io_, errPipe[0]);
  running_[pid] = p;
  read(p, true);
  read(p, false);
  if (inPipe[1] >= 0) {
    // The input is written as the command reads it, then closed (EOF).
    p->in = std::make_unique<asio::posix::stream_descriptor>(io_, inPipe[1]);
    p->input = job.input;
    asio::async_write(*p->in, asio::buffer(p->input),
                      [p](const boost::system::error_code&, std::size_t) {
                        boost::system::error_code ignored;
                        p->in->close(ignored);
                      });
  }
  if (job.timeout.count() > 0) {
    p->limit = job.timeout;
    p->timeout = std::make_unique<asio::steady_timer>(io_, job.timeout);
    p->timeout->async_wait([this, p](const boost::system::error_code& ec) {
      if (ec || !p->done) return;
      p->timedOut = true;
      kill(-p->pid, SIGTERM);
      p->grace = std::make_unique<asio::steady_timer>(io_, options_.killGrace);
      p->grace->async_wait([p](const boost::system::error_code& ec2) {
        if (!ec2 && p->done) kill(-p->pid, SIGKILL);
      });
    });
  }
  // It may have exited before the handler was armed; reaped later, never
  // from inside run() (finishing it here would re-enter the engine).
  asio::post(io_, [this] { reap(); });
}

// Like a shell's hash table: PATH is searched once per command name, not
// once per spawn (posix_spawnp tries every PATH entry before the right one).
const std::string& LocalRunner::resolve(const std::string& name) {
  if (name.find('/') != std::string::npos) return name;
  auto it = resolved_.find(name);
  if (it != resolved_.end()) return it->second;
  std::string found = name;
  const char* path = std::getenv("PATH");
  std::string_view dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  while (!dirs.empty()) {
    std::size_t colon = dirs.find(':');
    std::string dir(dirs.substr(0, colon));
    dirs = colon == std::string_view::npos ? std::string_view() : dirs.substr(colon + 1);
    std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) {
      found = candidate;
      break;
    }
  }
  return resolved_.emplace(name, std::move(found)).first->second;
}

void LocalRunner::killAll() {
  // The whole group, even when its leader has exited: what it left in the
  // background (holding the pipes) goes too. A group's id is not reused
  // while any member lives.
  for (auto& [pid, p] : running_) kill(-pid, SIGKILL);
}

}  // namespace magicc::runtime
