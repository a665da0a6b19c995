#include "http/Server.h"

#include <sys/socket.h>

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cerrno>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace magicc::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kHeaderLimit = 16 * 1024;
// Connections turned away with a 503 at the cap that may wait at once for
// their client to close; more are closed without an answer.
constexpr std::size_t kMaxTurningAway = 64;
constexpr auto kAcceptPause = std::chrono::milliseconds(100);

// A steady clock reading in milliseconds, never 0 (0 means "busy").
std::int64_t steadyMillis() {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch());
  return std::max<std::int64_t>(1, ms.count());
}

// What every connection shares with the server. The io_context and the TLS
// context live here, so that a connection an exchange still holds after the
// server is gone never outlives what its socket belongs to.
struct Shared {
  explicit Shared(unsigned threads) : io(static_cast<int>(threads ? threads : 1)) {}
  boost::asio::io_context io;
  std::optional<boost::asio::ssl::context> tls;
  ServerOptions options;
  Handler handler;
  std::function<void(const Completed&)> completed;
  std::atomic<std::size_t> open{0};
  std::atomic<std::size_t> requests{0};
  std::atomic<std::size_t> reclaimed{0};
  std::atomic<std::size_t> turnedAway{0};
  std::atomic<std::size_t> turningAway{0};  // waiting for their client to close
  std::atomic<std::uint64_t> nextId{0};
  std::string idPrefix;
};

class SessionBase : public std::enable_shared_from_this<SessionBase> {
 public:
  virtual ~SessionBase() = default;
  virtual void close() = 0;
  // Called by an exchange, on any thread.
  virtual void sendReply(Response response) = 0;
  virtual void sendBegin(Response header) = 0;
  virtual void sendChunk(std::string chunk, std::function<void(bool)> written) = 0;
  virtual void sendEnd() = 0;
  virtual void setAbandoned(std::function<void()> abandoned) = 0;
  // Closes the connection if it is still the idle one the acceptor chose.
  virtual void closeIfReclaimed() = 0;

  // Since when (steadyMillis) it has waited for a request with nothing of
  // it read; 0 while busy, -1 once the acceptor chose it to make room.
  std::atomic<std::int64_t> idleSince{0};
};

class ExchangeImpl final : public Exchange {
 public:
  ExchangeImpl(std::shared_ptr<SessionBase> session, Request request, Peer peer, std::string id)
      : session_(std::move(session)),
        request_(std::move(request)),
        peer_(std::move(peer)),
        id_(std::move(id)) {}
  const Request& request() const override { return request_; }
  const Peer& peer() const override { return peer_; }
  const std::string& id() const override { return id_; }
  void reply(Response response) override { session_->sendReply(std::move(response)); }
  void begin(Response header) override { session_->sendBegin(std::move(header)); }
  void write(std::string chunk, std::function<void(bool)> written) override {
    session_->sendChunk(std::move(chunk), std::move(written));
  }
  void end() override { session_->sendEnd(); }
  void onAbandoned(std::function<void()> abandoned) override {
    session_->setAbandoned(std::move(abandoned));
  }

 private:
  std::shared_ptr<SessionBase> session_;
  Request request_;
  Peer peer_;
  std::string id_;
};

template <class Stream>
class Session final : public SessionBase {
 public:
  Session(std::shared_ptr<Shared> shared, Stream stream, Peer peer)
      : shared_(std::move(shared)), stream_(std::move(stream)), peer_(std::move(peer)) {}

  ~Session() override { shared_->open.fetch_sub(1); }

  void start() {
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      waitForRequest(shared_->options.headerTimeout);
    } else {
      lowest().expires_after(shared_->options.headerTimeout);
      stream_.async_handshake(ssl::stream_base::server,
                              [self = self()](beast::error_code ec) { self->handshaken(ec); });
    }
  }

  void close() override {
    net::dispatch(lowest().get_executor(), [self = self()] { self->shutdown(); });
  }

  void sendReply(Response response) override {
    net::dispatch(lowest().get_executor(), [self = self(), r = std::move(response)]() mutable {
      self->writeReply(std::move(r));
    });
  }

  void sendBegin(Response header) override {
    net::dispatch(lowest().get_executor(), [self = self(), h = std::move(header)]() mutable {
      self->writeBegin(std::move(h));
    });
  }

  void sendChunk(std::string chunk, std::function<void(bool)> written) override {
    net::dispatch(lowest().get_executor(),
                  [self = self(), c = std::move(chunk), w = std::move(written)]() mutable {
                    self->queueChunk(std::move(c), std::move(w), false);
                  });
  }

  void sendEnd() override {
    net::dispatch(lowest().get_executor(),
                  [self = self()] { self->queueChunk({}, nullptr, true); });
  }

  void closeIfReclaimed() override {
    net::dispatch(lowest().get_executor(), [self = self()] {
      if (self->idleSince.load() == -1) self->shutdown();
    });
  }

  void setAbandoned(std::function<void()> abandoned) override {
    net::dispatch(lowest().get_executor(), [self = self(), a = std::move(abandoned)]() mutable {
      if (self->closed_) {
        if (a) a();
        return;
      }
      self->abandoned_ = std::move(a);
    });
  }

 private:
  struct Chunk {
    std::string data;
    std::function<void(bool)> written;
    bool last = false;
  };

  std::shared_ptr<Session> self() { return std::static_pointer_cast<Session>(shared_from_this()); }
  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

  void handshaken(beast::error_code ec) {
    if (ec) return shutdown();
    if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
      if (X509* cert = SSL_get_peer_certificate(stream_.native_handle())) {
        char subject[512];
        X509_NAME_oneline(X509_get_subject_name(cert), subject, sizeof subject);
        peer_.certificateSubject = subject;
        X509_free(cert);
      }
    }
    waitForRequest(shared_->options.headerTimeout);
  }

  // Between requests the connection may idle; once a byte arrives, the
  // whole header must follow within the header timeout (a client
  // trickling it is cut off).
  void waitForRequest(std::chrono::milliseconds idle) {
    if (closed_) return;
    if (buffer_.size() > 0) return readHeader();
    lowest().expires_after(idle);
    idleSince.store(steadyMillis());
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = self()](beast::error_code ec, std::size_t n) {
                              self->idleSince.store(0);
                              self->buffer_.commit(n);
                              if (ec) return self->shutdown();
                              self->readHeader();
                            });
  }

  void readHeader() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(shared_->options.bodyLimit);
    lowest().expires_after(shared_->options.headerTimeout);
    beast::http::async_read_header(
        stream_, buffer_, *parser_,
        [self = self()](beast::error_code ec, std::size_t) { self->headerRead(ec); });
  }

  void headerRead(beast::error_code ec) {
    if (ec) return readFailed(ec);
    started_ = Clock::now();
    auto& header = parser_->get();
    auto expect = header.find(beast::http::field::expect);
    if (expect != header.end() && beast::iequals(expect->value(), "100-continue")) {
      continueReply_.emplace(beast::http::status::continue_, header.version());
      lowest().expires_after(shared_->options.writeTimeout);
      beast::http::async_write(stream_, *continueReply_,
                               [self = self()](beast::error_code wec, std::size_t) {
                                 if (wec) return self->shutdown();
                                 self->readBody();
                               });
      return;
    }
    readBody();
  }

  void readBody() {
    lowest().expires_after(shared_->options.bodyTimeout);
    beast::http::async_read(stream_, buffer_, *parser_,
                            [self = self()](beast::error_code ec, std::size_t) {
                              if (ec) return self->readFailed(ec);
                              self->dispatchRequest();
                            });
  }

  void readFailed(beast::error_code ec) {
    if (ec == beast::http::error::body_limit)
      return refuse(Status::payload_too_large, "request body too large");
    if (ec == beast::http::error::header_limit)
      return refuse(Status::request_header_fields_too_large, "request header too large");
    if (ec.category() == beast::http::make_error_code(beast::http::error::bad_target).category() &&
        ec != beast::http::error::end_of_stream && ec != beast::http::error::partial_message)
      return refuse(Status::bad_request, "malformed request: " + ec.message());
    shutdown();
  }

  // A request that can't be read to its end: answer, then close.
  void refuse(Status status, const std::string& message) {
    Request dummy;
    dummy.version(11);
    dummy.keep_alive(false);
    if (!started_.time_since_epoch().count()) started_ = Clock::now();
    if (parser_ && parser_->is_header_done()) {
      method_ = std::string(parser_->get().method_string());
      target_ = std::string(parser_->get().target());
    }
    Response response = jsonError(dummy, status, message);
    response.keep_alive(false);
    currentId_ = nextId();
    writeReply(std::move(response));
  }

  std::string nextId() {
    return fmt::format("{}-{}", shared_->idPrefix, shared_->nextId.fetch_add(1) + 1);
  }

  void dispatchRequest() {
    Request request = parser_->release();
    parser_.reset();
    shared_->requests.fetch_add(1);
    method_ = std::string(request.method_string());
    target_ = std::string(request.target());
    keepAlive_ = request.keep_alive();
    currentId_ = nextId();
    answering_ = true;
    watchForClose();
    auto exchange =
        std::make_shared<ExchangeImpl>(shared_from_this(), std::move(request), peer_, currentId_);
    try {
      shared_->handler(std::move(exchange));
    } catch (const std::exception& e) {
      Request dummy;
      dummy.version(11);
      writeReply(jsonError(dummy, Status::internal_server_error, e.what()));
    }
  }

  // While the handler works, a client that hangs up abandons the exchange
  // (a long poll stops waiting for it).
  void watchForClose() {
    lowest().expires_never();
    awaitClose();
  }

  void awaitClose() {
    lowest().socket().async_wait(tcp::socket::wait_read, [self = self()](beast::error_code ec) {
      if (ec == net::error::operation_aborted || !self->answering_ || self->closed_) return;
      if (ec) return self->shutdown();
      // Never a blocking read on an io thread: a wake-up with nothing to
      // read happens, and a blocking peek then held this thread and the
      // connection's strand until the client spoke again (a hang).
      char probe;
      ssize_t n =
          ::recv(self->lowest().socket().native_handle(), &probe, 1, MSG_PEEK | MSG_DONTWAIT);
      if (n > 0) return;  // the client sent more (pipelined): it is still there
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
        if (!self->replyStarted_) self->awaitClose();
        return;
      }
      self->shutdown();
    });
  }

  void finished(unsigned status) {
    answering_ = false;
    if (shared_->completed) {
      Completed done{
          currentId_,
          method_,
          target_,
          status,
          peer_,
          std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started_)};
      shared_->completed(done);
    }
  }

  void writeReply(Response response) {
    if (closed_ || replyStarted_) return;
    replyStarted_ = true;
    response.set("X-Request-ID", currentId_);
    if (!keepAlive_) response.keep_alive(false);
    response.prepare_payload();
    reply_ = std::make_shared<Response>(std::move(response));
    lowest().socket().cancel();  // the close watch
    lowest().expires_after(shared_->options.writeTimeout);
    beast::http::async_write(stream_, *reply_, [self = self()](beast::error_code ec, std::size_t) {
      unsigned status = self->reply_->result_int();
      bool keep = self->reply_->keep_alive();
      self->reply_.reset();
      self->finished(status);
      self->replyStarted_ = false;
      if (ec || !keep) return self->shutdown();
      self->waitForRequest(self->shared_->options.idleTimeout);
    });
  }

  void writeBegin(Response header) {
    if (closed_ || replyStarted_) return;
    replyStarted_ = true;
    streamStatus_ = header.result_int();
    header.set("X-Request-ID", currentId_);
    header.chunked(true);
    header.body().clear();
    streamHeader_ = std::make_shared<beast::http::response<beast::http::empty_body>>(
        header.result(), header.version());
    for (auto& field : header) streamHeader_->set(field.name_string(), field.value());
    streamHeader_->chunked(true);
    if (!keepAlive_) streamHeader_->keep_alive(false);
    streamSerializer_ =
        std::make_shared<beast::http::response_serializer<beast::http::empty_body>>(*streamHeader_);
    lowest().socket().cancel();
    writing_ = true;
    lowest().expires_after(shared_->options.writeTimeout);
    beast::http::async_write_header(stream_, *streamSerializer_,
                                    [self = self()](beast::error_code ec, std::size_t) {
                                      self->writing_ = false;
                                      if (ec) return self->shutdown();
                                      self->pumpChunks();
                                    });
  }

  void queueChunk(std::string data, std::function<void(bool)> written, bool last) {
    if (closed_) {
      if (written) written(false);
      return;
    }
    chunks_.push_back({std::move(data), std::move(written), last});
    if (!writing_ && streamSerializer_) pumpChunks();
  }

  void pumpChunks() {
    if (closed_) return failChunks();
    if (writing_ || chunks_.empty()) return;
    writing_ = true;
    Chunk& chunk = chunks_.front();
    lowest().expires_after(shared_->options.writeTimeout);
    auto after = [self = self()](beast::error_code ec, std::size_t) {
      self->writing_ = false;
      Chunk done = std::move(self->chunks_.front());
      self->chunks_.pop_front();
      if (done.written) done.written(!ec);
      if (ec) return self->shutdown();
      if (done.last) {
        bool keep = self->streamHeader_->keep_alive();
        self->streamSerializer_.reset();
        self->streamHeader_.reset();
        self->replyStarted_ = false;
        self->finished(self->streamStatus_);
        if (!keep) return self->shutdown();
        return self->waitForRequest(self->shared_->options.idleTimeout);
      }
      self->pumpChunks();
    };
    if (chunk.last) {
      net::async_write(stream_, beast::http::make_chunk_last(), std::move(after));
    } else if (chunk.data.empty()) {
      // An empty chunk would end the body: nothing to send.
      writing_ = false;
      Chunk done = std::move(chunks_.front());
      chunks_.pop_front();
      if (done.written) done.written(true);
      pumpChunks();
    } else {
      net::async_write(stream_, beast::http::make_chunk(net::buffer(chunk.data)), std::move(after));
    }
  }

  void failChunks() {
    while (!chunks_.empty()) {
      auto written = std::move(chunks_.front().written);
      chunks_.pop_front();
      if (written) written(false);
    }
  }

  void shutdown() {
    if (closed_) return;
    closed_ = true;
    beast::error_code ignored;
    lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
    lowest().close();
    if (abandoned_ && answering_) {
      auto abandoned = std::move(abandoned_);
      abandoned();
    }
    abandoned_ = nullptr;
    if (!writing_) failChunks();
  }

  std::shared_ptr<Shared> shared_;
  Stream stream_;
  Peer peer_;
  beast::flat_buffer buffer_;
  std::optional<beast::http::request_parser<beast::http::string_body>> parser_;
  std::optional<beast::http::response<beast::http::empty_body>> continueReply_;
  std::shared_ptr<Response> reply_;
  std::shared_ptr<beast::http::response<beast::http::empty_body>> streamHeader_;
  std::shared_ptr<beast::http::response_serializer<beast::http::empty_body>> streamSerializer_;
  std::deque<Chunk> chunks_;
  std::function<void()> abandoned_;
  Clock::time_point started_{};
  std::string method_, target_, currentId_;
  unsigned streamStatus_ = 0;
  bool keepAlive_ = true;
  bool closed_ = false;
  bool answering_ = false;
  bool replyStarted_ = false;
  bool writing_ = false;
};

// A connection refused at the cap: it is sent a 503, then read until the
// client closes (closing with its request unread would send a reset, which
// can destroy the 503 before the client reads it), a second at most.
class TurnedAway : public std::enable_shared_from_this<TurnedAway> {
 public:
  TurnedAway(std::shared_ptr<Shared> shared, tcp::socket socket)
      : shared_(std::move(shared)), socket_(std::move(socket)), timer_(socket_.get_executor()) {
    shared_->turningAway.fetch_add(1);
  }
  ~TurnedAway() { shared_->turningAway.fetch_sub(1); }

  void start() {
    constexpr std::string_view kBody =
        R"({"error":"503 Service Unavailable","message":"too many open connections"})";
    std::string busy = fmt::format(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
        "Retry-After: 1\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{}",
        kBody.size(), kBody);
    beast::error_code ec;
    socket_.non_blocking(true, ec);
    // A fresh socket's send buffer takes it whole; if not, the client gets less.
    [[maybe_unused]] auto sent =
        ::send(socket_.native_handle(), busy.data(), busy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    timer_.expires_after(std::chrono::seconds(1));
    timer_.async_wait([self = shared_from_this()](beast::error_code e) {
      if (!e) self->close();
    });
    drain();
  }

 private:
  void drain() {
    socket_.async_read_some(net::buffer(scratch_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (!ec) return self->drain();
                              self->timer_.cancel();
                              self->close();
                            });
  }
  void close() {
    beast::error_code ignored;
    socket_.close(ignored);
  }

  std::shared_ptr<Shared> shared_;
  tcp::socket socket_;
  net::steady_timer timer_;
  std::array<char, 512> scratch_{};
};

}  // namespace

struct HttpServer::State {
  std::shared_ptr<Shared> shared;
  net::io_context& io;
  std::optional<ssl::context>& tls;
  std::optional<tcp::acceptor> acceptor;
  std::mutex mutex;
  std::vector<std::weak_ptr<SessionBase>> sessions;
  std::atomic<bool> stopping{false};
  net::steady_timer acceptPause;
  unsigned short port = 0;

  explicit State(unsigned threads)
      : shared(std::make_shared<Shared>(threads)),
        io(shared->io),
        tls(shared->tls),
        acceptPause(shared->io) {}

  void accept() {
    acceptor->async_accept(net::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
      if (stopping) return;
      if (ec) return pauseAccepting();
      admit(std::move(socket));
      accept();
    });
  }

  // Out of descriptors (EMFILE), the listening socket stays readable:
  // accepting again at once would spin. Make room, wait a moment.
  void pauseAccepting() {
    reclaimIdle();
    acceptPause.expires_after(kAcceptPause);
    acceptPause.async_wait([this](beast::error_code ec) {
      if (!ec && !stopping) accept();
    });
  }

  // Closes the connection idle longest; false if none is idle.
  bool reclaimIdle() {
    for (int attempt = 0; attempt < 3; ++attempt) {
      std::shared_ptr<SessionBase> oldest;
      std::int64_t since = 0;
      {
        std::lock_guard lock(mutex);
        for (auto& weak : sessions) {
          auto session = weak.lock();
          if (!session) continue;
          std::int64_t t = session->idleSince.load();
          if (t > 0 && (!oldest || t < since)) {
            oldest = std::move(session);
            since = t;
          }
        }
      }
      if (!oldest) return false;
      // It may have woken meanwhile: then look again.
      if (oldest->idleSince.compare_exchange_strong(since, -1)) {
        shared->reclaimed.fetch_add(1);
        oldest->closeIfReclaimed();
        return true;
      }
    }
    return false;
  }

  void admit(tcp::socket socket) {
    if (shared->open.load() >= shared->options.maxConnections && !reclaimIdle()) {
      shared->turnedAway.fetch_add(1);
      if (shared->turningAway.load() < kMaxTurningAway)
        std::make_shared<TurnedAway>(shared, std::move(socket))->start();
      return;  // else closed by the socket's destructor
    }
    beast::error_code ec;
    auto remote = socket.remote_endpoint(ec);
    Peer peer{ec ? std::string() : remote.address().to_string(),
              ec ? std::uint16_t(0) : remote.port(),
              {}};
    socket.set_option(tcp::no_delay(true), ec);
    shared->open.fetch_add(1);
    std::shared_ptr<SessionBase> session;
    if (tls) {
      auto s = std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(
          shared, beast::ssl_stream<beast::tcp_stream>(beast::tcp_stream(std::move(socket)), *tls),
          std::move(peer));
      s->start();
      session = s;
    } else {
      auto s = std::make_shared<Session<beast::tcp_stream>>(
          shared, beast::tcp_stream(std::move(socket)), std::move(peer));
      s->start();
      session = s;
    }
    std::lock_guard lock(mutex);
    std::erase_if(sessions, [](auto& weak) { return weak.expired(); });
    sessions.push_back(session);
  }
};

HttpServer::HttpServer(ServerOptions options, Handler handler,
                       std::function<void(const Completed&)> completed)
    : state_(std::make_shared<State>(options.threads)) {
  state_->shared->options = std::move(options);
  state_->shared->handler = std::move(handler);
  state_->shared->completed = std::move(completed);
  state_->shared->idPrefix =
      fmt::format("{:x}", std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count());
}

HttpServer::~HttpServer() {
  stop();
  // Runs the closes stop() posted and the operations they abort, so no
  // handler is left holding a connection (and the io_context) in a cycle.
  // Bounded: the server's threads have returned by now.
  state_->io.restart();
  state_->io.run_for(std::chrono::seconds(2));
  state_->io.restart();
  state_->io.run_for(std::chrono::seconds(2));
}

std::string HttpServer::listen() {
  const ServerOptions& options = state_->shared->options;
  std::string where = fmt::format("{}:{}", options.host, options.port);
  if (options.tls) {
    try {
      state_->tls.emplace(ssl::context::tls_server);
      state_->tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                               ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                               ssl::context::no_tlsv1_1);
      state_->tls->use_certificate_chain_file(options.tls->certificateFile);
      state_->tls->use_private_key_file(options.tls->keyFile, ssl::context::pem);
      if (!options.tls->clientCaFile.empty()) {
        state_->tls->load_verify_file(options.tls->clientCaFile);
        state_->tls->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
      }
    } catch (const std::exception& e) {
      return fmt::format("cannot set up TLS for {}: {}", where, e.what());
    }
  }
  beast::error_code ec;
  auto address = net::ip::make_address(options.host, ec);
  if (ec) return fmt::format("cannot listen on {}: '{}' is not an IP address", where, options.host);
  tcp::endpoint endpoint{address, options.port};
  auto& acceptor = state_->acceptor.emplace(state_->io);
  if (acceptor.open(endpoint.protocol(), ec) ||
      acceptor.set_option(net::socket_base::reuse_address(true), ec) ||
      acceptor.bind(endpoint, ec) || acceptor.listen(net::socket_base::max_listen_connections, ec))
    return fmt::format("cannot listen on {}: {}", where, ec.message());
  state_->port = acceptor.local_endpoint().port();
  state_->accept();
  return {};
}

unsigned short HttpServer::port() const {
  return state_->port;
}

void HttpServer::run() {
  unsigned threads = std::max(1u, state_->shared->options.threads);
  std::vector<std::thread> extra;
  for (unsigned i = 1; i < threads; ++i) extra.emplace_back([this] { state_->io.run(); });
  state_->io.run();
  for (auto& thread : extra) thread.join();
}

void HttpServer::stop() {
  if (state_->stopping.exchange(true)) return;
  auto state = state_;
  net::post(state->io, [state] {
    beast::error_code ignored;
    if (state->acceptor) state->acceptor->close(ignored);
    state->acceptPause.cancel();
    std::vector<std::shared_ptr<SessionBase>> live;
    {
      std::lock_guard lock(state->mutex);
      for (auto& weak : state->sessions)
        if (auto session = weak.lock()) live.push_back(session);
      state->sessions.clear();
    }
    for (auto& session : live) session->close();
    state->io.stop();
  });
}

ServerStats HttpServer::stats() const {
  const Shared& shared = *state_->shared;
  return {shared.open.load(), shared.requests.load(), shared.reclaimed.load(),
          shared.turnedAway.load()};
}

}  // namespace magicc::http
