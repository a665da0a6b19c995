#include "backends/SshSession.h"

#include <unistd.h>

#include <array>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <deque>
#include <optional>
#include <vector>

#include "backends/SshDriver.h"
#include "backends/SshMux.h"
#include "backends/SshRunner.h"

namespace magicc::runtime {

namespace asio = boost::asio;

struct SshSessions::Host {
  std::string name, socketPath;
  // A host's sessions under `sudo -n` (its commands run as root, no sudo
  // each), beside its plain ones; where sudo will not start one, its
  // commands go to the plain sessions, each under sudo -n.
  bool sudo = false;
  std::vector<std::shared_ptr<Driver>> drivers;
  std::deque<Job> queue;
  unsigned cap = 1;
  unsigned starting = 0;  // sessions begun, their driver not yet ready
  unsigned opening = 0;   // sessions asked of the master, not yet opened
  unsigned failures = 0;  // sessions in a row that did not start
  bool everReady = false, fallback = false;
};

// The command a driver runs now. At namespace scope: clang does not see a
// nested struct's default member initializers as a default constructor
// until the enclosing class is complete (std::optional::emplace fails).
// Not in an anonymous namespace: Driver, which holds one, is not in one.
struct SessionCommand {
  std::uint64_t id = 0;
  std::chrono::milliseconds timeout{0};
  std::function<void(std::string_view)> output;
  std::function<void(CommandResult)> done;
  CommandResult result;
  bool outDone = false, errDone = false;
  std::unique_ptr<asio::steady_timer> timer;
};

class SshSessions::Driver : public std::enable_shared_from_this<Driver> {
 public:
  Driver(SshSessions& owner, Host& host, const MuxChannel& channel)
      : owner_(owner),
        host_(&host),
        io_(owner.io_),
        token_(driverToken()),
        in_(io_, channel.in),
        out_(io_, channel.out),
        err_(io_, channel.err),
        control_(io_, channel.socket),
        outScan_(token_),
        errScan_(token_),
        startTimer_(io_) {}

  void begin() {
    auto self = shared_from_this();
    send(token_ + "\n");
    read(true);
    read(false);
    readControl();
    startTimer_.expires_after(owner_.options_.startTimeout);
    startTimer_.async_wait([self](const boost::system::error_code& ec) {
      if (ec || self->ready_ || self->dead_) return;
      self->failStart("no answer within " + shownLimit(self->owner_.options_.startTimeout));
    });
  }

  bool idle() const { return ready_ && !dead_ && !current_; }

  void start(Job job, bool asRoot) {
    auto self = shared_from_this();
    current_.emplace();
    SessionCommand& c = *current_;
    c.id = ++lastId_;
    c.timeout = job.spec.timeout;
    c.output = job.spec.output;
    c.done = std::move(job.done);
    Values values{{"MAGICC_NODE", job.spec.node},
                  {"MAGICC_HOST", job.spec.host},
                  {"MAGICC_RUN_ID", job.spec.runId}};
    values.insert(values.end(), job.spec.env.begin(), job.spec.env.end());
    send(driverRequest(c.id, job.sudo && !asRoot, driverCommandScript(job.spec.command, values),
                       job.spec.input));
    if (c.timeout.count() > 0) {
      c.timer = std::make_unique<asio::steady_timer>(io_, c.timeout);
      std::uint64_t id = c.id;
      c.timer->async_wait([self, id](const boost::system::error_code& ec) {
        if (ec || !self->current_ || self->current_->id != id) return;
        self->timedOut();
      });
    }
  }

  // Ends the session (our ends of its pipes close: the driver reads EOF and
  // kills what still runs); a command in flight fails with `why`.
  void close(const std::string& why) {
    if (dead_) return;
    dead_ = true;
    startTimer_.cancel();
    if (current_) fail(why);
    boost::system::error_code ignored;
    in_.close(ignored);
    out_.close(ignored);
    err_.close(ignored);
    control_.close(ignored);
  }

  // The pool forgot us: nothing more to tell it.
  void detach() { host_ = nullptr; }

 private:
  void send(std::string data) {
    outbox_ += data;
    if (!writing_) flush();
  }
  void flush() {
    if (outbox_.empty() || dead_) return;
    writing_ = true;
    inflight_.swap(outbox_);
    outbox_.clear();
    auto self = shared_from_this();
    asio::async_write(in_, asio::buffer(inflight_),
                      [self](const boost::system::error_code& ec, std::size_t) {
                        self->writing_ = false;
                        self->inflight_.clear();
                        if (ec) return self->lost("ssh: the session's input closed");
                        self->flush();
                      });
  }

  void read(bool isOut) {
    auto self = shared_from_this();
    auto& stream = isOut ? out_ : err_;
    auto& chunk = isOut ? outChunk_ : errChunk_;
    stream.async_read_some(
        asio::buffer(chunk), [self, isOut](const boost::system::error_code& ec, std::size_t n) {
          if (n > 0)
            self->received(isOut,
                           std::string_view((isOut ? self->outChunk_ : self->errChunk_).data(), n));
          if (ec) {
            (isOut ? self->outClosed_ : self->errClosed_) = true;
            if (self->outClosed_ && self->errClosed_)
              self->lost(
                  "ssh: the session ended before the command did (the connection dropped, or "
                  "the host's driver was killed)");
            return;
          }
          if (!self->dead_) self->read(isOut);
        });
  }

  // The master's messages (session opened, the driver's exit): only its EOF
  // matters, and the output streams say that too.
  void readControl() {
    auto self = shared_from_this();
    control_.async_read_some(asio::buffer(controlChunk_),
                             [self](const boost::system::error_code& ec, std::size_t) {
                               if (!ec && !self->dead_) self->readControl();
                             });
  }

  void received(bool isOut, std::string_view chunk) {
    auto& scan = isOut ? outScan_ : errScan_;
    scan.feed(
        chunk,
        [&](std::string_view data) {
          if (!ready_) {
            // What the login shell printed first: kept (stderr) to say why
            // a session did not start.
            if (!isOut)
              preamble_.append(
                  data.substr(0, 4096 - std::min<std::size_t>(4096, preamble_.size())));
            return;
          }
          if (!current_) return;  // a leftover background process's output
          std::string& tail = isOut ? current_->result.stdoutTail : current_->result.stderrTail;
          tail.append(data);
          std::size_t limit = owner_.options_.outputLimit;
          if (tail.size() > 2 * limit) tail.erase(0, tail.size() - limit);
          if (current_->output) current_->output(data);
        },
        [&](std::string_view marker) {
          if (marker == "ready") {
            (isOut ? outReady_ : errReady_) = true;
            if (outReady_ && errReady_ && !ready_) becomeReady();
            return;
          }
          if (!current_) return;
          if (isOut) {
            auto exit = parseDriverExit(marker);
            if (!exit || exit->id != current_->id) return;
            if (exit->signaled)
              current_->result.signal = exit->code;
            else
              current_->result.exitCode = exit->code;
            current_->outDone = true;
          } else {
            if (marker != std::to_string(current_->id)) return;
            current_->errDone = true;
          }
          if (current_->outDone && current_->errDone) finish();
        });
  }

  void becomeReady() {
    ready_ = true;
    startTimer_.cancel();
    if (host_) owner_.ready(*host_);
  }

  void timedOut() {
    SessionCommand& c = *current_;
    c.result.timedOut = true;
    c.result.timeout = c.timeout;
    send(driverKill(c.id));
    // The driver TERMs the command's group, then KILLs it: a host that
    // does not report the end soon after is given up with its session.
    auto self = shared_from_this();
    std::uint64_t id = c.id;
    c.timer->expires_after(owner_.options_.killGrace + std::chrono::seconds(3));
    c.timer->async_wait([self, id](const boost::system::error_code& ec) {
      if (ec || !self->current_ || self->current_->id != id) return;
      self->lost("ssh: the host did not end the timed out command");
    });
  }

  void finish() {
    SessionCommand c = std::move(*current_);
    current_.reset();
    if (c.timer) c.timer->cancel();
    std::size_t limit = owner_.options_.outputLimit;
    for (std::string* tail : {&c.result.stdoutTail, &c.result.stderrTail})
      if (tail->size() > limit) tail->erase(0, tail->size() - limit);
    asio::post(io_, [done = std::move(c.done), result = std::move(c.result)]() mutable {
      done(std::move(result));
    });
    if (host_) owner_.idle(*host_);
  }

  void fail(const std::string& why) {
    SessionCommand c = std::move(*current_);
    current_.reset();
    if (c.timer) c.timer->cancel();
    if (!c.result.timedOut) {
      c.result.failedToStart = true;
      c.result.error = why;
    }
    asio::post(io_, [done = std::move(c.done), result = std::move(c.result)]() mutable {
      done(std::move(result));
    });
  }

  void failStart(const std::string& why) {
    std::string reason = why;
    if (std::string line = lastLine(preamble_); !line.empty()) reason += ": " + line;
    auto self = shared_from_this();  // the pool lets go of us
    close("ssh: the session did not start");
    if (host_) owner_.startFailed(*host_, *this, reason);
  }

  // The session ended under us.
  void lost(const std::string& why) {
    if (dead_) return;
    if (!ready_) return failStart("the session ended before its driver started");
    auto self = shared_from_this();
    close(why);
    if (host_) owner_.died(*host_, *this);
  }

  SshSessions& owner_;
  Host* host_;
  asio::io_context& io_;
  std::string token_;
  asio::posix::stream_descriptor in_, out_, err_, control_;
  DriverStreamScanner outScan_, errScan_;
  asio::steady_timer startTimer_;
  std::array<char, 16384> outChunk_{}, errChunk_{};
  std::array<char, 512> controlChunk_{};
  std::string outbox_, inflight_, preamble_;
  std::optional<SessionCommand> current_;
  std::uint64_t lastId_ = 0;
  bool writing_ = false, ready_ = false, outReady_ = false, errReady_ = false, dead_ = false,
       outClosed_ = false, errClosed_ = false;
};

SshSessions::SshSessions(asio::io_context& io, SshSessionOptions options, Fallback fallback)
    : io_(io), options_(std::move(options)), fallback_(std::move(fallback)) {}

SshSessions::~SshSessions() {
  closeAll("ssh: the run ended");
  *alive_ = false;
}

void SshSessions::run(const std::string& socketPath, const CommandSpec& spec, bool sudo,
                      std::function<void(CommandResult)> done) {
  submit(hostOf(spec.host, sudo, socketPath), Job{spec, sudo, std::move(done)});
}

SshSessions::Host& SshSessions::hostOf(const std::string& name, bool sudo,
                                       const std::string& socketPath) {
  auto& slot = hosts_[sudo ? name + " (sudo)" : name];
  if (!slot) {
    slot = std::make_unique<Host>();
    slot->name = name;
    slot->socketPath = socketPath;
    slot->sudo = sudo;
    slot->cap = std::max(1u, options_.maxPerHost);
  }
  return *slot;
}

void SshSessions::submit(Host& host, Job job) {
  if (host.fallback) return fallBack(host, std::move(job));
  host.queue.push_back(std::move(job));
  dispatch(host);
}

void SshSessions::fallBack(Host& host, Job job) {
  // Neither calls `done` in place: the plain sessions answer later, and so
  // does the fallback.
  if (host.sudo) return submit(hostOf(host.name, false, host.socketPath), std::move(job));
  fallback_(job.spec, std::move(job.done));
}

void SshSessions::dispatch(Host& host) {
  while (!host.queue.empty()) {
    if (host.fallback) {
      Job job = std::move(host.queue.front());
      host.queue.pop_front();
      fallBack(host, std::move(job));
      continue;
    }
    std::shared_ptr<Driver> free;
    for (auto& d : host.drivers)
      if (d->idle()) {
        free = d;
        break;
      }
    if (free) {
      Job job = std::move(host.queue.front());
      host.queue.pop_front();
      free->start(std::move(job), host.sudo);
      continue;
    }
    if (host.starting + host.opening >= host.queue.size() ||
        host.drivers.size() + host.opening >= host.cap)
      return;
    if (open_ >= options_.maxOpen) evictIdle(host);  // else over the bound, for a while
    std::string command = host.sudo ? "exec sudo -n " + driverCommand().substr(5) : driverCommand();
    ++host.opening;
    ++open_;
    // Asynchronous: a wedged master costs its own host the wait, no other.
    SshMux::asyncOpen(io_, host.socketPath, command, true, SshMux::kHelloPatience,
                      [this, alive = alive_, generation = generation_, hostPtr = &host](
                          bool ok, MuxChannel channel) {
                        if (!*alive || generation != generation_) {  // closed meanwhile
                          if (ok)
                            for (int fd : {channel.socket, channel.in, channel.out, channel.err})
                              if (fd >= 0) ::close(fd);
                          return;
                        }
                        opened(*hostPtr, ok, channel);
                      });
  }
}

void SshSessions::opened(Host& host, bool ok, const MuxChannel& channel) {
  --host.opening;
  if (!ok) {
    --open_;
    // Refused beside sessions that run or start: the sshd's MaxSessions.
    // The commands wait for those.
    if (!host.drivers.empty()) {
      host.cap = std::max<unsigned>(1, static_cast<unsigned>(host.drivers.size()));
      return dispatch(host);
    }
    // No master to ride (it went away, or it does not answer): a command
    // goes the old way, which connects again.
    if (!host.queue.empty()) {
      Job job = std::move(host.queue.front());
      host.queue.pop_front();
      fallback_(job.spec, std::move(job.done));
    }
    return dispatch(host);
  }
  auto driver = std::make_shared<Driver>(*this, host, channel);
  host.drivers.push_back(driver);
  ++host.starting;
  driver->begin();
}

void SshSessions::ready(Host& host) {
  --host.starting;
  host.failures = 0;
  host.everReady = true;
  dispatch(host);
}

void SshSessions::startFailed(Host& host, Driver& driver, const std::string& why) {
  --host.starting;
  forget(host, driver);
  ++host.failures;
  if (!host.drivers.empty()) {
    // Another session would not start beside those that run or start: the
    // sshd's MaxSessions, most likely. Stay with those; if they fail too,
    // the last of them decides.
    host.cap = std::max<unsigned>(1, static_cast<unsigned>(host.drivers.size()));
  } else if (!host.everReady || host.failures >= 3) {
    if (!host.fallback && !host.sudo && options_.warn) {
      options_.warn(host.name + ": no persistent session (" + why +
                    "); its commands run one ssh channel each");
    }
    host.fallback = true;
  }
  dispatch(host);
}

void SshSessions::died(Host& host, Driver& driver) {
  forget(host, driver);
  dispatch(host);
}

void SshSessions::forget(Host& host, Driver& driver) {
  driver.detach();
  open_ -= std::erase_if(host.drivers,
                         [&](const std::shared_ptr<Driver>& d) { return d.get() == &driver; });
}

bool SshSessions::evictIdle(const Host& busy) {
  for (auto& [name, host] : hosts_) {
    if (host.get() == &busy) continue;
    for (auto& d : host->drivers)
      if (d->idle()) {
        std::shared_ptr<Driver> keep = d;
        forget(*host, *keep);
        keep->close("ssh: the session was closed");
        return true;
      }
  }
  return false;
}

void SshSessions::killAll() {
  closeAll("killed (interrupted twice)");
}

void SshSessions::closeAll(const char* why) {
  ++generation_;  // sessions still being opened are closed when they open
  for (auto& [name, host] : hosts_) {
    std::vector<std::shared_ptr<Driver>> drivers;
    drivers.swap(host->drivers);
    open_ -= drivers.size();
    open_ -= host->opening;
    host->starting = 0;
    host->opening = 0;
    for (auto& d : drivers) {
      d->detach();
      d->close(why);
    }
    std::deque<Job> queue;
    queue.swap(host->queue);
    for (auto& job : queue) {
      CommandResult r;
      r.failedToStart = true;
      r.error = why;
      asio::post(io_, [done = std::move(job.done), r] { done(r); });
    }
  }
}

}  // namespace magicc::runtime
