// The agent backend against an agent that answers nonsense: a real HTTP
// server on loopback whose answers have the wrong types. Whatever an agent
// says, `magicc run` must report it, never throw.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "backends/AgentBackend.h"
#include "http/Server.h"
#include "http/Target.h"

namespace magicc::runtime {
namespace {

using namespace std::chrono_literals;
using http::bhttp::verb;

http::Handler oddAgent() {
  return [](std::shared_ptr<http::Exchange> exchange) {
    const http::Request& request = exchange->request();
    auto target = http::parseTarget(std::string(request.target()));
    std::string path = target ? target->path : "";
    auto json = [&](http::Status status, const char* text) {
      exchange->reply(http::textResponse(request, status, text, "application/json"));
    };
    if (path == "/v1/health") return json(http::Status::ok, R"({"status":"ok"})");
    if (path == "/v1/info") return json(http::Status::ok, R"({"token":"not an object","user":7})");
    if (path == "/v1/files")
      return json(http::Status::ok, R"({"exists":"yes","type":5,"mode":644})");
    if (path == "/v1/rpc/svc")
      return json(http::Status::ok, R"({"jsonrpc":"2.0","id":1,"error":{"message":5,"code":[1]}})");
    if (path == "/v1/jobs" && request.method() == verb::post) {
      http::Response response = http::textResponse(request, http::Status::accepted, "{}");
      response.set("X-Job-ID", "1");
      return exchange->reply(std::move(response));
    }
    if (path == "/v1/jobs/1/output") return json(http::Status::ok, "some output");
    if (path == "/v1/jobs/1")
      return json(http::Status::ok, R"({"status":"Complete","exit_code":"zero","timed_out":"no"})");
    json(http::Status::not_found, R"({"error":"404 Not Found","message":"no such route"})");
  };
}

TEST(AgentBackend, AnAgentsOddAnswersAreReportedNotThrown) {
  http::HttpServer server({}, oddAgent());
  ASSERT_EQ(server.listen(), "");
  std::thread serving([&] { server.run(); });
  auto dir = std::filesystem::temp_directory_path() / "magicc-agent-backend-test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "token") << "t0ken\n";

  boost::asio::io_context io;
  AgentOptions options;
  options.tokenFile = (dir / "token").string();
  std::string url = "http://127.0.0.1:" + std::to_string(server.port());
  AgentBackend backend(io, options, {{"h1", AgentHost{"h1", url}}});
  std::map<std::string, HostReach> reach;
  FileState state;
  OpStatus statStatus;
  std::string callError;
  CommandResult ran;
  backend.connect({"h1"}, [&](std::map<std::string, HostReach> r) {
    reach = std::move(r);
    HostOps& host = backend.host("h1");
    host.stat({}, "/etc/motd", FileDigest::Sha256, [&](FileState s, OpStatus status) {
      state = s;
      statStatus = status;
      host.call({}, "svc.Do", nlohmann::json::object(), [&](nlohmann::json, std::string error) {
        callError = error;
        CommandSpec spec;
        spec.command = "true";
        spec.host = "h1";
        host.run(spec, [&](CommandResult result) {
          ran = result;
          backend.shutdown();
        });
      });
    });
  });
  io.run_for(10s);
  server.stop();
  serving.join();
  std::filesystem::remove_all(dir);

  ASSERT_TRUE(reach["h1"].ok) << reach["h1"].error;  // a scope it can't read: assume run
  EXPECT_FALSE(reach["h1"].root);
  EXPECT_TRUE(statStatus.ok());
  EXPECT_FALSE(state.exists);  // "yes" is not true
  EXPECT_EQ(callError, "svc.Do: {\"code\":[1],\"message\":5} (code [1])");
  EXPECT_TRUE(ran.ok()) << describeFailure(ran);
}

TEST(AgentBackend, AnUnreachableAgentIsNamed) {
  boost::asio::io_context io;
  auto dir = std::filesystem::temp_directory_path() / "magicc-agent-backend-test2";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "token") << "t0ken\n";
  AgentOptions options;
  options.tokenFile = (dir / "token").string();
  AgentBackend backend(
      io, options,
      {{"h1", AgentHost{"h1", "http://127.0.0.1:1"}}, {"h2", AgentHost{"h2", "ftp://nowhere"}}});
  std::map<std::string, HostReach> reach;
  backend.connect({"h1", "h2"}, [&](std::map<std::string, HostReach> r) { reach = std::move(r); });
  io.run_for(10s);
  std::filesystem::remove_all(dir);
  EXPECT_FALSE(reach["h1"].ok);
  EXPECT_NE(reach["h1"].error.find("agent at 127.0.0.1:1: cannot connect"), std::string::npos)
      << reach["h1"].error;
  EXPECT_FALSE(reach["h2"].ok);
  EXPECT_NE(reach["h2"].error.find("magicc_agent_url"), std::string::npos) << reach["h2"].error;
  EXPECT_THROW(AgentBackend(io, AgentOptions{}, {}), std::runtime_error);  // no token file
}

}  // namespace
}  // namespace magicc::runtime
