// agent.yaml: what the operator tells an agent about its host and its
// neighbours. Tags and facts for /v1/info (and so for `magicc run
// --discover`), the JSON-RPC sub-agent services /v1/rpc forwards to, the
// directory file routes are confined to, the request body limit, the
// timeouts and the cap on connections.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace magicc::agent {

struct ServiceConfig {
  std::string url;
  std::chrono::milliseconds timeout{30'000};
};

struct AgentConfig {
  std::vector<std::string> tags;
  nlohmann::json facts = nlohmann::json::object();
  std::map<std::string, ServiceConfig> services;
  std::string filesUnder;  // "" : anywhere
  std::size_t maxBody = 10 * 1024 * 1024;
  std::chrono::milliseconds headerTimeout{10'000};  // a request's header must arrive by then
  std::chrono::milliseconds bodyTimeout{60'000};    // its body, once the header is in
  std::chrono::milliseconds idleTimeout{60'000};    // between requests on a connection
  std::size_t maxConnections = 4096;                // open connections at most
};

// Parses agent.yaml's text; on error, nothing and `error` naming the line.
std::optional<AgentConfig> parseAgentConfig(const std::string& text, std::string& error);
std::optional<AgentConfig> loadAgentConfig(const std::string& path, std::string& error);

// "90s", "5m", "1h30m", "250ms" or a plain number of seconds; nothing if bad.
std::optional<std::chrono::milliseconds> parseDuration(std::string_view text);
// "10MiB", "512KiB", "1GiB", "1000" bytes; nothing if bad.
std::optional<std::size_t> parseSize(std::string_view text);

}  // namespace magicc::agent
