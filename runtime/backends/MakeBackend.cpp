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
  for (const auto& route : routes) {
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
  return std::make_unique<RoutingBackend>(io, std::move(connections), std::move(connectionOf));
}

}  // namespace magicc::runtime
