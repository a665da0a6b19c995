// One backend for a run that mixes hosts: each host goes to the backend of
// its connection, as the caller routed it (Ansible's ansible_connection:
// `local`, `ssh`; the agent adds its own; --backend overrides every host).
// The local target "local" is always this machine. connect asks each
// backend about its own hosts only, so only the hosts that need a
// connection are preflighted.
#pragma once

#include <boost/asio/io_context.hpp>
#include <map>
#include <memory>
#include <string>

#include "backends/Backend.h"

namespace magicc::runtime {

class RoutingBackend final : public Backend {
 public:
  // `connections`: a backend per connection ("local" must be one);
  // `routes`: each host's connection.
  RoutingBackend(boost::asio::io_context& io,
                 std::map<std::string, std::unique_ptr<Backend>> connections,
                 std::map<std::string, std::string> routes);
  ~RoutingBackend() override;
  void connect(const std::vector<std::string>& hosts,
               std::function<void(std::map<std::string, HostReach>)> done) override;
  // A host with no route, or routed to a connection with no backend, gets
  // operations that fail, naming it.
  HostOps& host(const std::string& name) override;
  void killAll() override;
  void shutdown() override;

 private:
  class Unrouted;
  Backend* backendOf(const std::string& host) const;
  std::string whyUnrouted(const std::string& host) const;

  boost::asio::io_context& io_;
  std::map<std::string, std::unique_ptr<Backend>> connections_;
  std::map<std::string, std::string> routes_;
  std::map<std::string, std::unique_ptr<HostOps>> unrouted_;
};

}  // namespace magicc::runtime
