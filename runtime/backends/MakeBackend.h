// The backend for a run's hosts: a RoutingBackend over a LocalBackend and,
// when a route needs one, an SshBackend, each host sent the way its route
// says. What `magicc run`, a worker and the agent build alike.
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <vector>

#include "backends/AgentBackend.h"
#include "backends/Backend.h"
#include "backends/LocalRunner.h"
#include "backends/SshRunner.h"
#include "program/HostRoute.h"

namespace magicc::runtime {

struct BackendOptions {
  LocalOptions local;
  SshOptions ssh;
  AgentOptions agent;
};

// Throws std::runtime_error when a connection cannot be set up (the SSH
// backend's private control directory).
std::unique_ptr<Backend> makeBackend(boost::asio::io_context& io,
                                     const std::vector<HostRoute>& routes,
                                     const BackendOptions& options);

}  // namespace magicc::runtime
