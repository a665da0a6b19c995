#include "backends/AgentDiscovery.h"

#include <algorithm>

namespace magicc::runtime {

AgentFacts factsOf(const nlohmann::json& info) {
  AgentFacts out;
  if (auto tags = info.find("tags"); tags != info.end() && tags->is_array())
    for (const auto& tag : *tags)
      if (tag.is_string()) out.tags.push_back(tag.get<std::string>());
  if (auto facts = info.find("facts"); facts != info.end() && facts->is_object())
    for (const auto& [name, value] : facts->items()) {
      if (value.is_boolean()) {
        if (value.get<bool>()) out.tags.push_back(name);
        out.vars[name] = value.get<bool>() ? "true" : "false";
      } else if (value.is_string()) {
        out.vars[name] = value.get<std::string>();
      } else if (!value.is_null()) {
        out.vars[name] = value.dump();
      }
    }
  std::sort(out.tags.begin(), out.tags.end());
  out.tags.erase(std::unique(out.tags.begin(), out.tags.end()), out.tags.end());
  return out;
}

std::map<std::string, AgentFacts> discoverAgents(boost::asio::io_context& io,
                                                 std::map<std::string, AgentHost> hosts,
                                                 const AgentOptions& options) {
  std::vector<std::string> names;
  for (const auto& [name, host] : hosts) names.push_back(name);
  AgentBackend backend(io, options, std::move(hosts));
  std::map<std::string, AgentFacts> out;
  backend.connect(names, [&](std::map<std::string, HostReach> reach) {
    for (const auto& [name, r] : reach) {
      if (!r.ok) {
        out[name].error = r.error;
        continue;
      }
      auto info = backend.infos().find(name);
      out[name] = info == backend.infos().end() ? AgentFacts{} : factsOf(info->second);
    }
    backend.shutdown();
  });
  io.restart();
  io.run();
  io.restart();
  return out;
}

}  // namespace magicc::runtime
