#include "backends/SshMux.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <cstring>

namespace magicc::runtime {

namespace asio = boost::asio;

namespace {

// Message types (PROTOCOL.mux).
constexpr std::uint32_t kHello = 0x00000001;
constexpr std::uint32_t kNewSession = 0x10000002;
constexpr std::uint32_t kTerminate = 0x10000005;
constexpr std::uint32_t kOk = 0x80000001;
constexpr std::uint32_t kPermissionDenied = 0x80000002;
constexpr std::uint32_t kFailure = 0x80000003;
constexpr std::uint32_t kExitMessage = 0x80000004;
constexpr std::uint32_t kSessionOpened = 0x80000006;
constexpr std::uint32_t kTtyAllocFail = 0x80000008;
constexpr std::uint32_t kVersion = 4;

void putU32(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v >> 24);
  out += static_cast<char>(v >> 16);
  out += static_cast<char>(v >> 8);
  out += static_cast<char>(v);
}
void putString(std::string& out, const std::string& s) {
  putU32(out, static_cast<std::uint32_t>(s.size()));
  out += s;
}
std::uint32_t getU32(const std::string& in, std::size_t& at) {
  if (at + 4 > in.size()) throw std::runtime_error("short mux message");
  std::uint32_t v = (static_cast<std::uint32_t>(static_cast<unsigned char>(in[at])) << 24) |
                    (static_cast<std::uint32_t>(static_cast<unsigned char>(in[at + 1])) << 16) |
                    (static_cast<std::uint32_t>(static_cast<unsigned char>(in[at + 2])) << 8) |
                    static_cast<std::uint32_t>(static_cast<unsigned char>(in[at + 3]));
  at += 4;
  return v;
}
std::string getString(const std::string& in, std::size_t& at) {
  std::uint32_t n = getU32(in, at);
  if (at + n > in.size()) throw std::runtime_error("short mux message");
  std::string s = in.substr(at, n);
  at += n;
  return s;
}

bool writeAll(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}
bool readAll(int fd, char* buf, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd, buf + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}
// One packet: uint32 length, then the payload.
bool readPacket(int fd, std::string& payload) {
  char len[4];
  if (!readAll(fd, len, 4)) return false;
  std::size_t at = 0;
  std::uint32_t n = getU32(std::string(len, 4), at);
  if (n > 256 * 1024) return false;
  payload.assign(n, '\0');
  return readAll(fd, payload.data(), n);
}
bool writePacket(int fd, const std::string& payload) {
  std::string out;
  putU32(out, static_cast<std::uint32_t>(payload.size()));
  return writeAll(fd, out + payload);
}
// One descriptor, with one byte of data, as OpenSSH's mm_send_fd does.
bool sendFd(int socket, int fd) {
  char byte = 0;
  iovec vec{&byte, 1};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  msghdr msg{};
  msg.msg_iov = &vec;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  std::memcpy(CMSG_DATA(c), &fd, sizeof(int));
  for (;;) {
    ssize_t n = ::sendmsg(socket, &msg, 0);
    if (n == 1) return true;
    if (n < 0 && errno == EINTR) continue;
    return false;
  }
}

// A connection to the master's socket, not yet greeted (non-blocking). A
// master that does not accept at once (its backlog full, wedged) is not
// waited for: -1, and the caller runs ssh instead.
int connectSocket(const std::string& socketPath) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (socketPath.size() >= sizeof addr.sun_path) return -1;
  std::memcpy(addr.sun_path, socketPath.c_str(), socketPath.size() + 1);
  int sock = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (sock < 0) return -1;
  if (::connect(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(sock);
    return -1;
  }
  return sock;
}

std::string helloPacket() {
  std::string hello, packet;
  putU32(hello, kHello);
  putU32(hello, kVersion);
  putU32(packet, static_cast<std::uint32_t>(hello.size()));
  return packet + hello;
}

bool isHello(const std::string& payload) {
  std::size_t at = 0;
  try {
    return getU32(payload, at) == kHello && getU32(payload, at) == kVersion;
  } catch (const std::exception&) {
    return false;
  }
}

// Connects to a master and exchanges hellos in place, blocking, bounded to
// 2 s (a run's last words: terminate). Returns the socket, or -1.
int connectToMaster(const std::string& socketPath) {
  int sock = connectSocket(socketPath);
  if (sock < 0) return -1;
  ::fcntl(sock, F_SETFL, ::fcntl(sock, F_GETFL) & ~O_NONBLOCK);
  timeval patience{2, 0};
  ::setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);
  ::setsockopt(sock, SOL_SOCKET, SO_SNDTIMEO, &patience, sizeof patience);
  std::string theirs;
  if (!writeAll(sock, helloPacket()) || !readPacket(sock, theirs) || !isHello(theirs)) {
    ::close(sock);
    return -1;
  }
  return sock;
}

// On a greeted connection: asks for a session running `command` and hands
// the master our pipes. Takes `sock` (closed on failure).
bool requestSession(int sock, const std::string& command, bool withInput, MuxChannel& channel) {
  int pipes[6] = {-1, -1, -1, -1, -1, -1};  // out r/w, err r/w, in r/w
  auto cleanup = [&] {
    ::close(sock);
    for (int fd : pipes)
      if (fd >= 0) ::close(fd);
    return false;
  };
  if (::pipe2(pipes, O_CLOEXEC) != 0 || ::pipe2(pipes + 2, O_CLOEXEC) != 0) return cleanup();
  int stdinFd = -1;
  if (withInput) {
    if (::pipe2(pipes + 4, O_CLOEXEC) != 0) return cleanup();
    stdinFd = pipes[4];
  } else {
    stdinFd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    pipes[4] = stdinFd;
    if (stdinFd < 0) return cleanup();
  }
  std::string request;
  putU32(request, kNewSession);
  putU32(request, 1);           // request id
  putString(request, "");       // reserved
  putU32(request, 0);           // no tty
  putU32(request, 0);           // no X11 forwarding
  putU32(request, 0);           // no agent forwarding
  putU32(request, 0);           // not a subsystem
  putU32(request, 0xffffffff);  // no escape character
  putString(request, "");       // terminal type
  putString(request, command);
  // A few hundred bytes into an empty socket buffer: these do not block.
  if (!writePacket(sock, request) || !sendFd(sock, stdinFd) || !sendFd(sock, pipes[1]) ||
      !sendFd(sock, pipes[3]))
    return cleanup();
  // The master holds its own copies now; ours of its ends go.
  ::close(pipes[1]);
  ::close(pipes[3]);
  ::close(pipes[4]);
  ::fcntl(sock, F_SETFL, ::fcntl(sock, F_GETFL) | O_NONBLOCK);
  channel = MuxChannel{sock, pipes[5], pipes[0], pipes[2]};
  return true;
}

// asyncOpen's state: the connection, waiting for the master's hello.
struct PendingOpen : std::enable_shared_from_this<PendingOpen> {
  PendingOpen(asio::io_context& io, int sock) : stream(io, sock), timer(io) {}
  asio::posix::stream_descriptor stream;
  asio::steady_timer timer;
  std::array<char, 4> length{};
  std::string payload, command;
  bool withInput = false, over = false;
  std::function<void(bool, MuxChannel)> done;

  void finish(bool greeted) {
    if (over) return;
    over = true;
    timer.cancel();
    MuxChannel channel;
    bool ok = false;
    if (greeted) {
      ok = requestSession(stream.release(), command, withInput, channel);
    } else {
      boost::system::error_code ignored;
      stream.close(ignored);
    }
    done(ok, channel);
  }
};

}  // namespace

class SshMuxSession : public std::enable_shared_from_this<SshMuxSession> {
 public:
  SshMuxSession(SshMux& mux, std::function<void(CommandResult)> done)
      : mux_(mux), done_(std::move(done)) {}

  void begin(int socket, int out, int err, int in, const std::string& input,
             std::chrono::milliseconds timeout) {
    auto self = shared_from_this();
    socket_ = std::make_unique<asio::posix::stream_descriptor>(mux_.io_, socket);
    out_ = std::make_unique<asio::posix::stream_descriptor>(mux_.io_, out);
    err_ = std::make_unique<asio::posix::stream_descriptor>(mux_.io_, err);
    readStream(true);
    readStream(false);
    readControl();
    if (in >= 0) {
      in_ = std::make_unique<asio::posix::stream_descriptor>(mux_.io_, in);
      input_ = input;
      asio::async_write(*in_, asio::buffer(input_),
                        [self](const boost::system::error_code&, std::size_t) {
                          boost::system::error_code ignored;
                          self->in_->close(ignored);
                        });
    }
    if (timeout.count() > 0) {
      timer_ = std::make_unique<asio::steady_timer>(mux_.io_, timeout);
      timer_->async_wait([self, timeout](const boost::system::error_code& ec) {
        if (ec || self->finished_) return;
        self->result_.timedOut = true;
        self->result_.timeout = timeout;
        self->end();
      });
    }
  }

  // Closes the session's socket: the master closes the channel and our pipes.
  // Ends the session now; `why` says so in the result unless it is already
  // decided (an exit status came, or the timeout fired).
  void end(const char* why = nullptr) {
    if (why && !exitSeen_ && !result_.timedOut && !result_.failedToStart) {
      result_.failedToStart = true;
      result_.error = why;
    }
    boost::system::error_code ignored;
    if (socket_) socket_->close(ignored);
    // Whatever the remote side still holds open, the result is in.
    if (out_) out_->close(ignored);
    if (err_) err_->close(ignored);
    outDone_ = errDone_ = controlDone_ = true;
    maybeFinish();
  }

 private:
  void readStream(bool isOut) {
    auto self = shared_from_this();
    auto& stream = isOut ? *out_ : *err_;
    auto& chunk = isOut ? outChunk_ : errChunk_;
    stream.async_read_some(
        asio::buffer(chunk), [self, isOut](const boost::system::error_code& ec, std::size_t n) {
          std::string& buf = isOut ? self->result_.stdoutTail : self->result_.stderrTail;
          if (n > 0) {
            buf.append((isOut ? self->outChunk_ : self->errChunk_).data(), n);
            std::size_t limit = self->mux_.outputLimit_;
            if (buf.size() > 2 * limit) buf.erase(0, buf.size() - limit);
          }
          if (ec) {
            (isOut ? self->outDone_ : self->errDone_) = true;
            self->maybeFinish();
            return;
          }
          self->readStream(isOut);
        });
  }

  // Packets from the master: session opened (or refused), then the exit.
  void readControl() {
    auto self = shared_from_this();
    asio::async_read(*socket_, asio::buffer(lengthBytes_),
                     [self](const boost::system::error_code& ec, std::size_t) {
                       if (ec) return self->controlClosed();
                       std::size_t at = 0;
                       std::uint32_t n = getU32(std::string(self->lengthBytes_.data(), 4), at);
                       if (n < 4 || n > 256 * 1024) return self->controlClosed();
                       self->packet_.assign(n, '\0');
                       asio::async_read(*self->socket_, asio::buffer(self->packet_),
                                        [self](const boost::system::error_code& ec2, std::size_t) {
                                          if (ec2) return self->controlClosed();
                                          self->onPacket();
                                          if (!self->controlDone_) self->readControl();
                                        });
                     });
  }

  void onPacket() {
    try {
      std::size_t at = 0;
      std::uint32_t type = getU32(packet_, at);
      switch (type) {
        case kSessionOpened:
          return;
        case kTtyAllocFail:
          return;
        case kExitMessage:
          getU32(packet_, at);  // session id
          result_.exitCode = static_cast<int>(getU32(packet_, at));
          exitSeen_ = true;
          return;
        case kPermissionDenied:
        case kFailure: {
          getU32(packet_, at);  // request id
          refuse("the control master refused the session: " + getString(packet_, at));
          return;
        }
        default:
          refuse("unexpected message from the control master");
      }
    } catch (const std::exception&) {
      refuse("malformed message from the control master");
    }
  }

  void refuse(const std::string& why) {
    result_.failedToStart = true;
    result_.error = "ssh: " + why;
    end();
  }

  void controlClosed() {
    controlDone_ = true;
    if (!exitSeen_ && !result_.timedOut && !result_.failedToStart) {
      // The master closes without an exit status when the remote command
      // was killed by a signal, or the connection dropped.
      result_.failedToStart = true;
      result_.error =
          "ssh: the session ended without an exit status (a signal on the host, or the "
          "connection dropped)";
    }
    maybeFinish();
  }

  void maybeFinish() {
    if (finished_ || !outDone_ || !errDone_ || !controlDone_) return;
    finished_ = true;
    if (timer_) timer_->cancel();
    boost::system::error_code ignored;
    if (socket_) socket_->close(ignored);
    for (std::string* tail : {&result_.stdoutTail, &result_.stderrTail})
      if (tail->size() > mux_.outputLimit_) tail->erase(0, tail->size() - mux_.outputLimit_);
    // Later, never from inside start(), end() or killAll(): the callback
    // runs the engine, which may start (or end) sessions.
    asio::post(mux_.io_, [done = std::move(done_), result = std::move(result_)]() mutable {
      done(std::move(result));
    });
  }

  SshMux& mux_;
  std::function<void(CommandResult)> done_;
  std::unique_ptr<asio::posix::stream_descriptor> socket_, out_, err_, in_;
  std::unique_ptr<asio::steady_timer> timer_;
  std::array<char, 8192> outChunk_{}, errChunk_{};
  std::array<char, 4> lengthBytes_{};
  std::string packet_, input_;
  CommandResult result_;
  bool outDone_ = false, errDone_ = false, controlDone_ = false, exitSeen_ = false,
       finished_ = false;
};

bool SshMux::open(const std::string& socketPath, const std::string& command, bool withInput,
                  MuxChannel& channel) {
  int sock = connectToMaster(socketPath);
  return sock >= 0 && requestSession(sock, command, withInput, channel);
}

void SshMux::asyncOpen(boost::asio::io_context& io, const std::string& socketPath,
                       const std::string& command, bool withInput,
                       std::chrono::milliseconds patience,
                       std::function<void(bool, MuxChannel)> done) {
  int sock = connectSocket(socketPath);
  // The hello is 12 bytes into a fresh connection's empty buffer.
  if (sock < 0 || !writeAll(sock, helloPacket())) {
    if (sock >= 0) ::close(sock);
    asio::post(io, [done = std::move(done)] { done(false, {}); });
    return;
  }
  auto pending = std::make_shared<PendingOpen>(io, sock);
  pending->command = command;
  pending->withInput = withInput;
  pending->done = std::move(done);
  pending->timer.expires_after(patience);
  pending->timer.async_wait([pending](const boost::system::error_code& ec) {
    if (!ec) pending->finish(false);  // a wedged master: the others go on
  });
  asio::async_read(pending->stream, asio::buffer(pending->length),
                   [pending](const boost::system::error_code& ec, std::size_t) {
                     if (ec) return pending->finish(false);
                     std::size_t at = 0;
                     std::uint32_t n = getU32(std::string(pending->length.data(), 4), at);
                     if (n > 256 * 1024) return pending->finish(false);
                     pending->payload.assign(n, '\0');
                     asio::async_read(pending->stream, asio::buffer(pending->payload),
                                      [pending](const boost::system::error_code& ec2, std::size_t) {
                                        pending->finish(!ec2 && isHello(pending->payload));
                                      });
                   });
}

void SshMux::start(const std::string& socketPath, const std::string& command,
                   const std::string& input, std::chrono::milliseconds timeout,
                   std::function<void(CommandResult)> done, std::function<void()> noMaster) {
  asyncOpen(io_, socketPath, command, !input.empty(), kHelloPatience,
            [this, input, timeout, done = std::move(done), noMaster = std::move(noMaster)](
                bool ok, MuxChannel channel) mutable {
              if (!ok) return noMaster();
              auto session = std::make_shared<SshMuxSession>(*this, std::move(done));
              if (sessions_.size() > 256)  // forget the sessions that ended
                std::erase_if(sessions_,
                              [](const std::weak_ptr<SshMuxSession>& w) { return w.expired(); });
              sessions_.push_back(session);
              session->begin(channel.socket, channel.out, channel.err, channel.in, input, timeout);
            });
}

bool SshMux::terminate(const std::string& socketPath) {
  int sock = connectToMaster(socketPath);
  if (sock < 0) return false;
  std::string request, reply;
  putU32(request, kTerminate);
  putU32(request, 2);  // request id
  bool ok = writePacket(sock, request);
  // OpenSSH 9 exits without replying; older masters reply MUX_S_OK first.
  // A refusal is a reply of another type.
  if (ok && readPacket(sock, reply)) {
    std::size_t at = 0;
    try {
      ok = getU32(reply, at) == kOk;
    } catch (const std::exception&) {
      ok = false;
    }
  }
  ::close(sock);
  return ok;
}

void SshMux::killAll() {
  std::vector<std::weak_ptr<SshMuxSession>> sessions;
  sessions.swap(sessions_);
  for (auto& weak : sessions)
    if (auto s = weak.lock()) s->end("killed (interrupted twice)");
}

}  // namespace magicc::runtime
