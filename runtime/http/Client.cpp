#include "http/Client.h"

#include <openssl/ssl.h>

#include <fmt/format.h>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <list>
#include <set>

namespace magicc::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;

constexpr std::size_t kResponseBodyLimit = 256 * 1024 * 1024;

struct Call {
  Request request;
  std::chrono::milliseconds timeout{0};
  std::function<void(ClientResult)> done;
  std::function<void(std::string_view)> chunk;
  bool retried = false;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  virtual ~Connection() = default;
  // Connects (a new connection), sends, reads; `finished(result, reusable,
  // stale)`: stale when a reused connection failed before any answer.
  virtual void perform(std::shared_ptr<Call> call,
                       std::function<void(ClientResult, bool reusable, bool stale)> finished) = 0;
  virtual void close() = 0;
};

std::string describe(const beast::error_code& ec) {
  if (ec == beast::error::timeout) return "timed out";
  return ec.message();
}

template <class Stream>
class ConnectionImpl final : public Connection {
 public:
  ConnectionImpl(Stream stream, Url url, std::chrono::milliseconds connectTimeout)
      : stream_(std::move(stream)), url_(std::move(url)), connectTimeout_(connectTimeout) {}

  void perform(std::shared_ptr<Call> call,
               std::function<void(ClientResult, bool, bool)> finished) override {
    call_ = std::move(call);
    finished_ = std::move(finished);
    answered_ = false;
    if (connected_) return write();
    resolver_.emplace(lowest().get_executor());
    resolver_->async_resolve(
        url_.host, url_.port,
        [self = self()](beast::error_code ec, tcp::resolver::results_type results) {
          if (ec) return self->fail("cannot resolve " + self->url_.host + ": " + ec.message());
          self->lowest().expires_after(self->connectTimeout_);
          self->lowest().async_connect(
              results, [self](beast::error_code cec, const tcp::endpoint&) {
                if (cec)
                  return self->fail(fmt::format("cannot connect to {}:{}: {}", self->url_.host,
                                                self->url_.port, describe(cec)));
                self->connected();
              });
        });
  }

  void close() override {
    net::dispatch(lowest().get_executor(), [self = self()] {
      beast::error_code ignored;
      self->lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
      self->lowest().close();
    });
  }

 private:
  std::shared_ptr<ConnectionImpl> self() {
    return std::static_pointer_cast<ConnectionImpl>(shared_from_this());
  }
  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

  void connected() {
    beast::error_code ignored;
    lowest().socket().set_option(tcp::no_delay(true), ignored);
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      connected_ = true;
      fresh_ = true;
      write();
    } else {
      SSL_set_tlsext_host_name(stream_.native_handle(), url_.host.c_str());
      lowest().expires_after(connectTimeout_);
      stream_.async_handshake(ssl::stream_base::client, [self = self()](beast::error_code ec) {
        if (ec)
          return self->fail("TLS handshake with " + self->url_.host + " failed: " + ec.message());
        self->connected_ = true;
        self->fresh_ = true;
        self->write();
      });
    }
  }

  void arm() {
    if (call_->timeout.count() > 0)
      lowest().expires_after(call_->timeout);
    else
      lowest().expires_never();
  }

  void write() {
    arm();
    beast::http::async_write(stream_, call_->request,
                             [self = self()](beast::error_code ec, std::size_t) {
                               if (ec) return self->failTransport(ec);
                               self->read();
                             });
  }

  void read() {
    parser_.emplace();
    parser_->body_limit(kResponseBodyLimit);
    if (call_->chunk) {
      // The parser keeps a reference: the callback is a member, and `this`
      // outlives the parser it owns.
      chunkBody_ = [this](std::uint64_t, beast::string_view body,
                          beast::error_code&) -> std::size_t {
        answered_ = true;
        call_->chunk(std::string_view(body.data(), body.size()));
        return body.size();
      };
      parser_->on_chunk_body(chunkBody_);
    }
    arm();
    beast::http::async_read(stream_, buffer_, *parser_,
                            [self = self()](beast::error_code ec, std::size_t) {
                              if (ec) return self->failTransport(ec);
                              self->answer();
                            });
  }

  void answer() {
    Response response = parser_->release();
    parser_.reset();
    if (call_->chunk && !response.body().empty()) {
      call_->chunk(response.body());
      response.body().clear();
    }
    bool reusable = response.keep_alive();
    fresh_ = false;
    auto finished = std::move(finished_);
    call_.reset();
    finished(ClientResult{{}, std::move(response)}, reusable, false);
  }

  void failTransport(beast::error_code ec) {
    bool stale = !fresh_ && !answered_ && ec != beast::error::timeout;
    connected_ = false;
    fail(describe(ec), stale);
  }

  void fail(std::string why, bool stale = false) {
    lowest().close();
    auto finished = std::move(finished_);
    call_.reset();
    if (finished) finished(ClientResult{std::move(why), {}}, false, stale);
  }

  Stream stream_;
  Url url_;
  std::chrono::milliseconds connectTimeout_;
  std::optional<tcp::resolver> resolver_;
  beast::flat_buffer buffer_;
  std::optional<beast::http::response_parser<beast::http::string_body>> parser_;
  std::function<std::size_t(std::uint64_t, beast::string_view, beast::error_code&)> chunkBody_;
  std::shared_ptr<Call> call_;
  std::function<void(ClientResult, bool, bool)> finished_;
  bool connected_ = false;
  bool fresh_ = false;  // no request has used this connection yet
  bool answered_ = false;
};

}  // namespace

std::optional<Url> parseUrl(const std::string& text, std::string& error) {
  Url url;
  std::string_view rest = text;
  if (rest.starts_with("http://")) {
    rest.remove_prefix(7);
  } else if (rest.starts_with("https://")) {
    url.tls = true;
    rest.remove_prefix(8);
  } else {
    error = "'" + text + "' is not an http:// or https:// URL";
    return std::nullopt;
  }
  auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    url.basePath = std::string(rest.substr(slash));
    while (!url.basePath.empty() && url.basePath.back() == '/') url.basePath.pop_back();
  }
  if (authority.starts_with('[')) {
    auto close = authority.find(']');
    if (close == std::string_view::npos) {
      error = "'" + text + "': unclosed IPv6 address";
      return std::nullopt;
    }
    url.host = std::string(authority.substr(1, close - 1));
    authority.remove_prefix(close + 1);
    if (authority.starts_with(':')) url.port = std::string(authority.substr(1));
  } else {
    auto colon = authority.rfind(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) url.port = std::string(authority.substr(colon + 1));
  }
  if (url.host.empty()) {
    error = "'" + text + "' names no host";
    return std::nullopt;
  }
  if (url.port.empty()) url.port = url.tls ? "443" : "80";
  if (url.port.find_first_not_of("0123456789") != std::string::npos) {
    error = "'" + text + "': bad port";
    return std::nullopt;
  }
  return url;
}

struct HttpClient::State : std::enable_shared_from_this<HttpClient::State> {
  net::io_context& io;
  // Every use of the pool below runs here: the io_context may have several
  // threads (the agent forwards JSON-RPC calls from its server's threads).
  net::strand<net::io_context::executor_type> strand;
  Url url;
  ClientOptions options;
  std::optional<ssl::context> tls;
  std::string tlsError;
  std::list<std::shared_ptr<Connection>> idle;
  std::set<std::shared_ptr<Connection>> busy;
  bool closed = false;

  State(net::io_context& context, Url u, ClientOptions o)
      : io(context), strand(net::make_strand(context)), url(std::move(u)), options(std::move(o)) {}

  void setUpTls() {
    try {
      tls.emplace(ssl::context::tls_client);
      if (options.caFile.empty())
        tls->set_default_verify_paths();
      else
        tls->load_verify_file(options.caFile);
      if (!options.certificateFile.empty()) {
        tls->use_certificate_chain_file(options.certificateFile);
        tls->use_private_key_file(options.keyFile, ssl::context::pem);
      }
      tls->set_verify_mode(options.verifyPeer ? ssl::verify_peer : ssl::verify_none);
    } catch (const std::exception& e) {
      tlsError = std::string("TLS set-up failed: ") + e.what();
    }
  }

  std::shared_ptr<Connection> fresh() {
    if (url.tls) {
      beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(net::make_strand(io)), *tls);
      if (options.verifyPeer) stream.set_verify_callback(ssl::host_name_verification(url.host));
      return std::make_shared<ConnectionImpl<beast::ssl_stream<beast::tcp_stream>>>(
          std::move(stream), url, options.connectTimeout);
    }
    return std::make_shared<ConnectionImpl<beast::tcp_stream>>(
        beast::tcp_stream(net::make_strand(io)), url, options.connectTimeout);
  }

  // On the io_context.
  void start(std::shared_ptr<Call> call) {
    if (closed) return call->done(ClientResult{"client shut down", {}});
    if (!tlsError.empty()) return call->done(ClientResult{tlsError, {}});
    std::shared_ptr<Connection> connection;
    if (!idle.empty() && !call->retried) {
      connection = idle.front();
      idle.pop_front();
    } else {
      connection = fresh();
    }
    busy.insert(connection);
    auto self = shared_from_this();
    connection->perform(
        call, [self, call, connection](ClientResult result, bool reusable, bool stale) {
          net::post(self->strand, [self, call, connection, result = std::move(result), reusable,
                                   stale]() mutable {
            self->busy.erase(connection);
            if (stale && !call->retried && !self->closed) {
              call->retried = true;  // the server closed a kept-alive connection: once more
              return self->start(call);
            }
            if (reusable && !self->closed && self->idle.size() < self->options.maxIdleConnections)
              self->idle.push_back(connection);
            else if (reusable)
              connection->close();
            call->done(std::move(result));
          });
        });
  }
};

HttpClient::HttpClient(net::io_context& io, Url url, ClientOptions options)
    : state_(std::make_shared<State>(io, std::move(url), std::move(options))) {
  if (state_->url.tls) state_->setUpTls();
}

HttpClient::~HttpClient() {
  shutdown();
}

void HttpClient::send(Request request, std::chrono::milliseconds timeout,
                      std::function<void(ClientResult)> done,
                      std::function<void(std::string_view)> chunk) {
  auto call = std::make_shared<Call>();
  std::string target = state_->url.basePath + std::string(request.target());
  request.target(target);
  request.version(11);
  request.set(bhttp::field::host, state_->url.host);
  request.keep_alive(true);
  if (!state_->options.bearerToken.empty())
    request.set(bhttp::field::authorization, "Bearer " + state_->options.bearerToken);
  request.prepare_payload();
  call->request = std::move(request);
  call->timeout = timeout;
  call->done = std::move(done);
  call->chunk = std::move(chunk);
  net::post(state_->strand, [state = state_, call] { state->start(call); });
}

void HttpClient::shutdown() {
  net::post(state_->strand, [state = state_] {
    state->closed = true;
    for (auto& connection : state->idle) connection->close();
    for (auto& connection : state->busy) connection->close();
    state->idle.clear();
  });
}

const Url& HttpClient::url() const {
  return state_->url;
}

ClientResult fetchBlocking(const std::string& url, Request request, const ClientOptions& options,
                           std::chrono::milliseconds timeout) {
  std::string error;
  auto parsed = parseUrl(url, error);
  if (!parsed) return ClientResult{error, {}};
  net::io_context io;
  ClientResult result{"no answer", {}};
  {
    HttpClient client(io, *parsed, options);
    client.send(std::move(request), timeout, [&](ClientResult r) {
      result = std::move(r);
      client.shutdown();
    });
    io.run();
  }
  io.restart();
  io.run();
  return result;
}

}  // namespace magicc::http
