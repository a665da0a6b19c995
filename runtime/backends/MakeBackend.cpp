#include "backends/MakeBackend.h"

#include <map>
#include <string>

#include "backends/LocalBackend.h"
#include "backends/RoutingBackend.h"
#include "backends/SshBackend.h"

namespace magicc::runtime {

std::unique_ptr<Backend> makeBackend(boost::asio::io_context& io,
                                     const std::vector<HostRoute>& routes,
                                     const BackendOptions& options) {
  std::map<std::string, std::string> connectionOf;
  std::map<std::string, SshHost> sshHosts;
  std::map<std::string, AgentHost> agentHosts;
  for (const auto& route : routes) {
    if (route.connection == "agent") agentHosts[route.name] = AgentHost{route.name, route.agentUrl};
    connectionOf[route.name] = route.connection;
    if (route.connection == "ssh")
      sshHosts[route.name] =
          SshHost{route.name, route.address, route.port, route.user, route.identityFile};
  }
  std::map<std::string, std::unique_ptr<Backend>> connections;
  connections["local"] = std::make_unique<LocalBackend>(io, options.local);
  if (!sshHosts.empty())
    connections["ssh"] =
        std::make_unique<SshBackend>(io, options.local, options.ssh, std::move(sshHosts));
  if (!agentHosts.empty())
    connections["agent"] = std::make_unique<AgentBackend>(io, options.agent, std::move(agentHosts));
  return std::make_unique<RoutingBackend>(io, std::move(connections), std::move(connectionOf));
}

}  // namespace magicc::runtime
