// The shared HTTP layer against itself on loopback: a real server on a free
// port, the real client.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <future>
#include <mutex>
#include <thread>

#include "http/Client.h"
#include "http/Metrics.h"
#include "http/Server.h"
#include "http/Target.h"
#include "http/Tokens.h"

namespace magicc::http {
namespace {

using namespace std::chrono_literals;

// A server on a free loopback port, served on its own thread.
class RunningServer {
 public:
  explicit RunningServer(Handler handler, ServerOptions options = {})
      : server_(std::move(options), std::move(handler)) {
    EXPECT_EQ(server_.listen(), "");
    thread_ = std::thread([this] { server_.run(); });
  }
  ~RunningServer() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(server_.port()); }
  unsigned short port() const { return server_.port(); }
  HttpServer& server() { return server_; }

 private:
  HttpServer server_;
  std::thread thread_;
};

Request get(const std::string& target) {
  return Request{bhttp::verb::get, target, 11};
}

Handler echo() {
  return [](std::shared_ptr<Exchange> exchange) {
    const Request& request = exchange->request();
    exchange->reply(textResponse(request, Status::ok,
                                 std::string(request.method_string()) + " " +
                                     std::string(request.target()) + " " + request.body()));
  };
}

// Raw bytes to the server and whatever it answers until it closes.
std::string rawExchange(unsigned short port, const std::string& bytes) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  boost::asio::write(socket, boost::asio::buffer(bytes));
  std::string answer;
  boost::system::error_code ec;
  char buffer[4096];
  while (true) {
    auto n = socket.read_some(boost::asio::buffer(buffer), ec);
    if (ec) break;
    answer.append(buffer, n);
  }
  return answer;
}

TEST(HttpTarget, SplitsAndDecodes) {
  auto target = parseTarget("/v1/files/a%2Fb?path=%2Fetc%2Fx+y&mode=0644&flag");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->segments, (std::vector<std::string>{"v1", "files", "a/b"}));
  EXPECT_EQ(target->param("path"), "/etc/x y");
  EXPECT_EQ(target->param("mode"), "0644");
  EXPECT_EQ(target->param("flag", "unset"), "");
  EXPECT_EQ(target->param("none", "unset"), "unset");
  EXPECT_EQ(parseTarget("/task/")->segments, (std::vector<std::string>{"task", ""}));
  EXPECT_TRUE(parseTarget("/")->segments.empty());
  EXPECT_FALSE(parseTarget("/bad%zz"));
  EXPECT_FALSE(parseTarget("/bad%4"));
  EXPECT_FALSE(parseTarget("http://host/"));
  EXPECT_EQ(percentEncode("a b/c"), "a%20b%2Fc");
}

TEST(HttpTokens, ScopesAndBareTokens) {
  std::string error;
  auto set =
      TokenSet::parse("# ops\nci read s3cret-r\ndeploy run s3cret-w\nroot admin s3cret-a\n", error);
  ASSERT_TRUE(set) << error;
  EXPECT_EQ(set->authenticate("s3cret-w")->name, "deploy");
  EXPECT_TRUE(set->authenticate("s3cret-w")->allows(Scope::Run));
  EXPECT_FALSE(set->authenticate("s3cret-r")->allows(Scope::Run));
  EXPECT_FALSE(set->authenticate("s3cret"));
  EXPECT_FALSE(set->authenticate(""));
  Request request = get("/");
  EXPECT_FALSE(set->authenticate(request));
  request.set(bhttp::field::authorization, "Bearer s3cret-a");
  EXPECT_EQ(set->authenticate(request)->scope, Scope::Admin);
  request.set(bhttp::field::authorization, "Basic s3cret-a");
  EXPECT_FALSE(set->authenticate(request));

  auto bare = TokenSet::parse("  only-one-token \n", error);
  ASSERT_TRUE(bare);
  EXPECT_TRUE(bare->authenticate("only-one-token")->allows(Scope::Admin));

  EXPECT_FALSE(TokenSet::parse("ci superuser tok\nx read y\n", error));
  EXPECT_EQ(error, "line 1: unknown scope 'superuser' (read, run or admin)");
  EXPECT_FALSE(TokenSet::parse("a b\nc d\n", error));
  EXPECT_EQ(error, "line 1: expected NAME SCOPE TOKEN");
  EXPECT_EQ(error.find("tok"), std::string::npos);
}

TEST(HttpServer, AnswersAndKeepsConnectionsAlive) {
  RunningServer running(echo());
  boost::asio::io_context io;
  std::string error;
  HttpClient client(io, *parseUrl(running.url(), error), {});
  std::vector<std::string> bodies;
  for (int i = 0; i < 3; ++i) {
    Request request{bhttp::verb::post, "/echo/" + std::to_string(i), 11};
    request.body() = "x" + std::to_string(i);
    client.send(std::move(request), 5s, [&](ClientResult result) {
      ASSERT_TRUE(result.ok()) << result.error;
      bodies.push_back(result.response.body());
      if (bodies.size() == 3) client.shutdown();
    });
  }
  io.run();
  std::sort(bodies.begin(), bodies.end());
  EXPECT_EQ(bodies,
            (std::vector<std::string>{"POST /echo/0 x0", "POST /echo/1 x1", "POST /echo/2 x2"}));
  EXPECT_EQ(running.server().stats().requests, 3u);

  // One connection, two requests, one after the other.
  auto first = fetchBlocking(running.url(), get("/a"), {});
  ASSERT_TRUE(first.ok()) << first.error;
  EXPECT_EQ(first.response.body(), "GET /a ");
  EXPECT_FALSE(first.response["X-Request-ID"].empty());
}

TEST(HttpServer, RefusesBadAndOversizedRequests) {
  ServerOptions options;
  options.bodyLimit = 16;
  RunningServer running(echo(), options);
  std::string tooBig = rawExchange(
      running.port(), "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 17\r\n\r\n12345678901234567");
  EXPECT_NE(tooBig.find("HTTP/1.1 413"), std::string::npos) << tooBig;
  EXPECT_NE(tooBig.find(R"("error":"413 Payload Too Large")"), std::string::npos) << tooBig;
  std::string garbage = rawExchange(running.port(), "NOT HTTP AT ALL\r\n\r\n");
  EXPECT_NE(garbage.find("HTTP/1.1 400"), std::string::npos) << garbage;
  auto ok = fetchBlocking(running.url(), get("/still-up"), {});
  ASSERT_TRUE(ok.ok());
}

TEST(HttpServer, CutsOffSlowHeaders) {
  ServerOptions options;
  options.headerTimeout = 300ms;
  RunningServer running(echo(), options);
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), running.port()});
  boost::asio::write(socket, boost::asio::buffer(std::string("GET / HT")));
  auto started = std::chrono::steady_clock::now();
  char byte;
  boost::system::error_code ec;
  socket.read_some(boost::asio::buffer(&byte, 1), ec);
  EXPECT_TRUE(ec);  // closed without an answer
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  // Others are still served meanwhile and after.
  EXPECT_TRUE(fetchBlocking(running.url(), get("/"), {}).ok());
}

TEST(HttpServer, CutsOffSlowBodies) {
  ServerOptions options;
  options.bodyTimeout = 300ms;
  RunningServer running(echo(), options);
  auto started = std::chrono::steady_clock::now();
  // Two bytes of ten, then nothing: closed without an answer.
  std::string answer =
      rawExchange(running.port(), "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nab");
  EXPECT_EQ(answer, "");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  EXPECT_TRUE(fetchBlocking(running.url(), get("/"), {}).ok());
}

// A connection that has sent nothing yet: what an idle client looks like.
std::unique_ptr<boost::asio::ip::tcp::socket> openIdle(boost::asio::io_context& io,
                                                       unsigned short port) {
  auto socket = std::make_unique<boost::asio::ip::tcp::socket>(io);
  socket->connect({boost::asio::ip::make_address("127.0.0.1"), port});
  return socket;
}

// True once the server has closed `socket` (a read sees the end).
bool closedByServer(boost::asio::ip::tcp::socket& socket) {
  char byte;
  boost::system::error_code ec;
  socket.non_blocking(false, ec);
  struct timeval limit {
    3, 0
  };
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  socket.read_some(boost::asio::buffer(&byte, 1), ec);
  return ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset;
}

TEST(HttpServer, ClosesTheLongestIdleConnectionAtTheCap) {
  ServerOptions options;
  options.maxConnections = 3;
  RunningServer running(echo(), options);
  boost::asio::io_context io;
  std::vector<std::unique_ptr<boost::asio::ip::tcp::socket>> idle;
  for (int i = 0; i < 3; ++i) {
    idle.push_back(openIdle(io, running.port()));
    std::this_thread::sleep_for(50ms);  // the first is idle longest
  }
  // A fourth client is served: the first idle one made room.
  auto fresh = fetchBlocking(running.url(), get("/fresh"), {}, 3s);
  ASSERT_TRUE(fresh.ok()) << fresh.error;
  EXPECT_EQ(fresh.response.body(), "GET /fresh ");
  EXPECT_TRUE(closedByServer(*idle[0]));
  EXPECT_GE(running.server().stats().reclaimed, 1u);
  // The others still work.
  boost::asio::write(*idle[2],
                     boost::asio::buffer(std::string("GET /late HTTP/1.1\r\nHost: a\r\n\r\n")));
  char buffer[256];
  boost::system::error_code ec;
  auto n = idle[2]->read_some(boost::asio::buffer(buffer), ec);
  EXPECT_NE(std::string(buffer, n).find("GET /late"), std::string::npos);
}

TEST(HttpServer, Answers503AtTheCapWhenNoConnectionIsIdle) {
  std::vector<std::shared_ptr<Exchange>> parked;
  std::mutex mutex;
  ServerOptions options;
  options.maxConnections = 2;
  RunningServer running(
      [&](std::shared_ptr<Exchange> exchange) {
        std::lock_guard lock(mutex);
        parked.push_back(exchange);  // answered at the end
      },
      options);
  boost::asio::io_context io;
  std::vector<std::unique_ptr<boost::asio::ip::tcp::socket>> busy;
  for (int i = 0; i < 2; ++i) {
    busy.push_back(openIdle(io, running.port()));
    boost::asio::write(*busy.back(),
                       boost::asio::buffer(std::string("GET /wait HTTP/1.1\r\nHost: a\r\n\r\n")));
  }
  for (int i = 0; i < 100; ++i) {
    {
      std::lock_guard lock(mutex);
      if (parked.size() == 2) break;
    }
    std::this_thread::sleep_for(20ms);
  }
  std::string refused = rawExchange(running.port(), "GET /more HTTP/1.1\r\nHost: a\r\n\r\n");
  EXPECT_NE(refused.find("HTTP/1.1 503"), std::string::npos) << refused;
  EXPECT_NE(refused.find("too many open connections"), std::string::npos) << refused;
  EXPECT_EQ(running.server().stats().turnedAway, 1u);
  std::lock_guard lock(mutex);
  for (auto& exchange : parked) exchange->reply(textResponse(exchange->request(), Status::ok, "x"));
}

TEST(HttpServer, StreamsChunksAsTheyAreWritten) {
  // The handler answers later, from another thread, in three chunks.
  std::vector<std::thread> workers;
  std::mutex mutex;
  RunningServer running([&](std::shared_ptr<Exchange> exchange) {
    std::lock_guard lock(mutex);
    workers.emplace_back([exchange] {
      Response header{Status::ok, 11};
      header.set(bhttp::field::content_type, "text/plain");
      exchange->begin(std::move(header));
      for (std::string part : {"one\n", "two\n", "three\n"}) {
        std::promise<bool> written;
        exchange->write(part, [&](bool ok) { written.set_value(ok); });
        EXPECT_TRUE(written.get_future().get());
      }
      exchange->end();
    });
  });
  boost::asio::io_context io;
  std::string error;
  HttpClient client(io, *parseUrl(running.url(), error), {});
  std::vector<std::string> chunks;
  ClientResult final;
  for (int round = 0; round < 2; ++round) {  // the connection is reused after a stream
    client.send(
        get("/stream"), 5s, [&](ClientResult result) { final = std::move(result); },
        [&](std::string_view chunk) { chunks.emplace_back(chunk); });
    io.restart();
    io.run_for(5s);
    ASSERT_TRUE(final.ok()) << final.error;
    EXPECT_EQ(final.response.result(), Status::ok);
  }
  client.shutdown();
  io.restart();
  io.run_for(1s);
  std::string all;
  for (auto& chunk : chunks) all += chunk;
  EXPECT_EQ(all, "one\ntwo\nthree\none\ntwo\nthree\n");
  std::lock_guard lock(mutex);
  for (auto& worker : workers) worker.join();
}

TEST(HttpServer, ReportsAnAbandonedLongPoll) {
  std::promise<void> abandoned;
  std::shared_ptr<Exchange> parked;
  RunningServer running([&](std::shared_ptr<Exchange> exchange) {
    parked = exchange;  // never answered
    exchange->onAbandoned([&] { abandoned.set_value(); });
  });
  {
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket socket(io);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), running.port()});
    boost::asio::write(socket,
                       boost::asio::buffer(std::string("GET /wait HTTP/1.1\r\nHost: a\r\n\r\n")));
    std::this_thread::sleep_for(100ms);
  }  // the client hangs up
  EXPECT_EQ(abandoned.get_future().wait_for(3s), std::future_status::ready);
}

TEST(HttpClient, ReportsTransportErrors) {
  std::string error;
  EXPECT_FALSE(parseUrl("ftp://x", error));
  EXPECT_FALSE(parseUrl("http://:80", error));
  auto url = parseUrl("https://[::1]:7070/base/", error);
  ASSERT_TRUE(url);
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, "7070");
  EXPECT_EQ(url->basePath, "/base");
  EXPECT_TRUE(url->tls);
  // Nothing listens on port 1.
  auto refused = fetchBlocking("http://127.0.0.1:1", get("/"), {}, 2s);
  EXPECT_FALSE(refused.ok());
  EXPECT_NE(refused.error.find("cannot connect to 127.0.0.1:1"), std::string::npos)
      << refused.error;
}

TEST(HttpMetrics, RendersAHistogram) {
  LatencyHistogram histogram;
  histogram.observe(200us);
  histogram.observe(30ms);
  std::string text = histogram.render("magicc_request_seconds", "Request latency.");
  EXPECT_NE(text.find("# TYPE magicc_request_seconds histogram"), std::string::npos);
  EXPECT_NE(text.find("magicc_request_seconds_bucket{le=\"0.0005\"} 1\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("magicc_request_seconds_bucket{le=\"0.05\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("magicc_request_seconds_count 2\n"), std::string::npos);
}

}  // namespace
}  // namespace magicc::http
