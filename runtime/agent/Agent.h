// The agent's API (docs/agent.md) as a function of a request: routes,
// bearer tokens and scopes, JSON bodies, errors, the audit line. The HTTP
// server hands each request over as an Exchange; the fuzzer and the unit
// tests hand over their own. Jobs run in `Jobs`; /v1/rpc calls go out on
// `io` (the jobs' thread).
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "agent/AgentConfig.h"
#include "agent/Jobs.h"
#include "agent/RequestAudit.h"
#include "http/Metrics.h"
#include "http/Server.h"
#include "http/Tokens.h"

namespace magicc::http {
class HttpClient;
}

namespace magicc::agent {

struct AgentOptions {
  http::TokenSet tokens;
  AgentConfig config;
  std::string hostname;
  std::string version;
  nlohmann::json detectedFacts = nlohmann::json::object();
};

class Agent {
 public:
  Agent(AgentOptions options, Jobs& jobs, RequestAudit& audit, boost::asio::io_context& io);
  ~Agent();
  Agent(const Agent&) = delete;
  Agent& operator=(const Agent&) = delete;

  void handle(std::shared_ptr<http::Exchange> exchange);
  // The server's report of a finished request: metrics.
  void observe(const http::Completed& completed);
  // Where /v1/metrics reads the number of open connections.
  void setConnectionCount(std::function<std::size_t()> count) { connections_ = std::move(count); }

  // The facts /v1/info reports: detected, overlaid by configured ones.
  nlohmann::json facts() const;

 private:
  struct Call;
  void route(Call& call);
  void info(Call& call);
  void submitJob(Call& call);
  void listJobs(Call& call);
  void getJob(Call& call, std::int64_t id);
  void jobOutput(Call& call, std::int64_t id);
  void cancelJob(Call& call, std::int64_t id);
  void files(Call& call);
  void fileContent(Call& call);
  void rpc(Call& call, const std::string& service);
  void metadata(Call& call);
  void metrics(Call& call);

  AgentOptions options_;
  Jobs& jobs_;
  RequestAudit& audit_;
  boost::asio::io_context& io_;
  std::map<std::string, std::unique_ptr<http::HttpClient>> services_;
  http::LatencyHistogram latency_;
  std::atomic<std::uint64_t> requests_{0};
  std::function<std::size_t()> connections_;
};

// Whether `text` nests JSON arrays and objects no deeper than `limit`
// (bodies are checked before parsing: deep nesting costs stack elsewhere).
bool jsonDepthWithin(std::string_view text, int limit);

}  // namespace magicc::agent
