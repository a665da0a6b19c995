// What hosts say about themselves through their agents (MCollective's
// discovery by facts): `magicc run --discover` selects hosts by these, not
// only by the static inventory.
#pragma once

#include <boost/asio/io_context.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "backends/AgentBackend.h"

namespace magicc::runtime {

struct AgentFacts {
  std::string error;  // the agent could not be asked: why
  std::vector<std::string> tags;
  std::map<std::string, std::string> vars;
};

// An agent's `/v1/info` as tags and vars: its configured tags, and each
// fact that is `true` (`os.debian`) as tags; every fact as a var, numbers
// and strings as text.
AgentFacts factsOf(const nlohmann::json& info);

// Asks every host's agent (runs `io` until all have answered).
std::map<std::string, AgentFacts> discoverAgents(boost::asio::io_context& io,
                                                 std::map<std::string, AgentHost> hosts,
                                                 const AgentOptions& options);

}  // namespace magicc::runtime
