// An HTTP/1.1 server on Boost.Beast: keep-alive, optional TLS (with client
// certificates when a CA is given), a body limit (413), a header timeout and
// an idle timeout, a cap on open connections. What a request means is the
// handler's business: the server hands each one over as an `Exchange`,
// which the handler answers exactly once, at once or later (a long poll, a
// job's output streamed in chunks while it runs).
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "http/Message.h"

namespace magicc::http {

struct TlsOptions {
  std::string certificateFile;  // PEM chain
  std::string keyFile;          // PEM
  std::string clientCaFile;     // non-empty: clients must present a cert it signed
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 0;  // 0: any free port (see HttpServer::port)
  std::optional<TlsOptions> tls;
  std::size_t bodyLimit = 10 * 1024 * 1024;
  std::chrono::milliseconds headerTimeout{10'000};  // the whole header must arrive by then
  std::chrono::milliseconds bodyTimeout{60'000};    // the whole body, once the header is in
  std::chrono::milliseconds idleTimeout{60'000};    // between requests on a kept-alive connection
  std::chrono::milliseconds writeTimeout{60'000};   // a reader too slow to take the answer
  // Open connections at most. At the cap (or out of descriptors) the one
  // idle longest is closed for a new one; with none idle, the new one gets
  // a 503 and is closed.
  std::size_t maxConnections = 4096;
  unsigned threads = 1;  // threads running the server's io_context
};

struct Peer {
  std::string address;
  unsigned short port = 0;
  std::string certificateSubject;  // a verified client certificate's subject, else ""
};

// One request and its answer.
class Exchange {
 public:
  virtual ~Exchange() = default;
  virtual const Request& request() const = 0;
  virtual const Peer& peer() const = 0;
  // Unique per server run; sent back as `X-Request-ID`.
  virtual const std::string& id() const = 0;

  // Answers with a whole response. Any thread may call it.
  virtual void reply(Response response) = 0;

  // Or answers in chunks: `begin` sends the header (chunked encoding), each
  // `write` one chunk, `written(false)` when the client is gone; `end` sends
  // the last chunk. Any thread may call them, one write at a time.
  virtual void begin(Response header) = 0;
  virtual void write(std::string chunk, std::function<void(bool ok)> written) = 0;
  virtual void end() = 0;

  // Called once if the connection closes before the answer is complete.
  virtual void onAbandoned(std::function<void()> abandoned) = 0;
};

using Handler = std::function<void(std::shared_ptr<Exchange>)>;

// What a finished request leaves for metrics and logs.
struct Completed {
  std::string id;
  std::string method;
  std::string target;
  unsigned status = 0;
  Peer peer;
  std::chrono::microseconds duration{0};
};

struct ServerStats {
  std::size_t openConnections = 0;
  std::size_t requests = 0;
  std::size_t reclaimed = 0;   // idle connections closed to make room
  std::size_t turnedAway = 0;  // connections answered 503 at the cap
};

class HttpServer {
 public:
  HttpServer(ServerOptions options, Handler handler,
             std::function<void(const Completed&)> completed = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens (TLS files are read here); "" or why not, naming the
  // address ("cannot listen on 127.0.0.1:7070: Address already in use").
  std::string listen();
  unsigned short port() const;

  // Serves on `threads` threads until stop(); returns when they are done.
  void run();
  // Stops accepting and closes every connection. Any thread, a signal
  // handler's io_context too.
  void stop();

  ServerStats stats() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace magicc::http
