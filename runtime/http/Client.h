// An asynchronous HTTP/1.1 client on Boost.Beast for one base URL
// (`http://host:port` or `https://host:port`): kept-alive connections
// reused across requests, TLS with the system's or a given CA and an
// optional client certificate, a timeout per request, and streamed bodies
// (chunks handed over as they arrive).
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "http/Message.h"

namespace magicc::http {

struct Url {
  bool tls = false;
  std::string host;
  std::string port;
  std::string basePath;  // "" or "/prefix" without a trailing slash
};
std::optional<Url> parseUrl(const std::string& url, std::string& error);

struct ClientOptions {
  std::string caFile;           // "" : the system's CAs
  std::string certificateFile;  // client certificate (mutual TLS), PEM
  std::string keyFile;
  bool verifyPeer = true;
  std::string bearerToken;  // sent as Authorization when non-empty
  std::chrono::milliseconds connectTimeout{5'000};
  std::size_t maxIdleConnections = 8;
};

struct ClientResult {
  std::string error;  // transport failure ("connection refused"); then `response` is empty
  Response response;
  bool ok() const { return error.empty(); }
};

class HttpClient {
 public:
  HttpClient(boost::asio::io_context& io, Url url, ClientOptions options);
  ~HttpClient();

  // Sends `request` (its target is appended to the base path; Host,
  // Authorization and keep-alive are filled in) and calls `done` on the
  // io_context (on one strand: calls to `done` never overlap) with the answer. `timeout` 0: none.
  // `chunk`, when given, receives the body piece by piece as it arrives (the final response then
  // has an empty body).
  void send(Request request, std::chrono::milliseconds timeout,
            std::function<void(ClientResult)> done,
            std::function<void(std::string_view)> chunk = {});

  // Closes idle connections and cancels requests in flight (they finish
  // with an error).
  void shutdown();

  const Url& url() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

// A blocking request on a private io_context: for workers and tests.
ClientResult fetchBlocking(const std::string& url, Request request, const ClientOptions& options,
                           std::chrono::milliseconds timeout = std::chrono::milliseconds{30'000});

}  // namespace magicc::http
