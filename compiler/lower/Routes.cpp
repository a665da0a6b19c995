#include "lower/Routes.h"

#include <set>

namespace magicc::lower {

namespace {

// `ansible_connection: local` (a `host` declaration says so in its vars).
bool connectsLocally(const inventory::Host& host) {
  auto var = host.vars.find("ansible_connection");
  return host.connection == "local" || (var != host.vars.end() && var->second == "local");
}

// `ansible_connection: magicc_agent`: the host runs `magicc agent`.
bool connectsThroughAgent(const inventory::Host& host) {
  auto var = host.vars.find("ansible_connection");
  return host.connection == "magicc_agent" ||
         (var != host.vars.end() && var->second == "magicc_agent");
}

std::string agentUrlOf(const inventory::Host* host, const std::string& address) {
  if (host)
    if (auto url = host->vars.find("magicc_agent_url"); url != host->vars.end()) return url->second;
  bool ipv6 = address.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + address + "]" : address) + ":7070";
}

std::vector<runtime::HostRoute> routesFor(const plan::PreparedPlan& prepared,
                                          const std::vector<std::string>& names,
                                          const std::string& connection) {
  std::vector<runtime::HostRoute> routes;
  for (const auto& name : names) {
    runtime::HostRoute route;
    route.name = route.address = name;
    route.connection = "ssh";
    const inventory::Host* host = nullptr;
    if (auto it = prepared.inventory.hosts.find(name); it != prepared.inventory.hosts.end()) {
      host = &it->second;
      route.address = host->address;
      route.port = host->port;
      route.user = host->user;
      route.identityFile = host->identityFile;
      if (connectsLocally(*host)) route.connection = "local";
      if (connectsThroughAgent(*host)) route.connection = "agent";
    }
    if (!connection.empty()) route.connection = connection;
    if (route.connection == "agent") route.agentUrl = agentUrlOf(host, route.address);
    routes.push_back(std::move(route));
  }
  return routes;
}

}  // namespace

std::vector<runtime::HostRoute> routesOf(const plan::PreparedPlan& prepared,
                                         const plan::PipelinePlan* pipeline,
                                         const std::string& connection) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  auto add = [&](const std::string& h) {
    if (h != "local" && seen.insert(h).second) names.push_back(h);
  };
  if (pipeline) {
    for (const auto& stage : pipeline->stages)
      for (const auto& task : stage.tasks) add(task.host);
  } else {
    for (const auto& t : prepared.targets) add(t.name);
  }
  return routesFor(prepared, names, connection);
}

std::vector<runtime::HostRoute> inventoryRoutes(const plan::PreparedPlan& prepared,
                                                const std::string& connection) {
  std::vector<std::string> names;
  for (const auto& [name, host] : prepared.inventory.hosts) names.push_back(name);
  return routesFor(prepared, names, connection);
}

}  // namespace magicc::lower
