// The hosts a run touches and how each is reached. Routing is per host, with
// Ansible's meaning of ansible_connection: `local` runs on this machine,
// `magicc_agent` through the host's agent (at magicc_agent_url, else
// http://ADDRESS:7070), any other host (one with an address and no
// connection, too) over SSH, and the `local` target here. A non-empty `connection` (--backend)
// sends every host that way.
#pragma once

#include <string>
#include <vector>

#include "plan/PipelinePlan.h"
#include "plan/PreparedPlan.h"
#include "program/HostRoute.h"

namespace magicc::lower {

// The targets' hosts, or the hosts of the pipeline's tasks, in plan order;
// "local" is left out (it is always this machine).
std::vector<runtime::HostRoute> routesOf(const plan::PreparedPlan& prepared,
                                         const plan::PipelinePlan* pipeline,
                                         const std::string& connection = "");
// Every inventory host, in name order (what --discover asks).
std::vector<runtime::HostRoute> inventoryRoutes(const plan::PreparedPlan& prepared,
                                                const std::string& connection = "");

}  // namespace magicc::lower
