// Hosts reached through their `magicc agent` (docs/agent.md): commands run
// as agent jobs whose output streams back (resumed from its offset when a
// connection drops), files go through the agent's file routes, `call:`
// becomes a JSON-RPC call to one of the agent's services. Preflight asks
// each agent for its health, then its info with the token, and refuses a
// token whose scope cannot run jobs.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "backends/Backend.h"

namespace magicc::runtime {

struct AgentOptions {
  std::string tokenFile;  // the token to send (NAME SCOPE TOKEN lines: the first one's)
  std::string caFile;     // https: the CA that signed the agents' certificates ("": system's)
  std::string certificateFile, keyFile;  // mutual TLS: this client's certificate
  std::chrono::milliseconds connectTimeout{5'000};
  // The run's secrets as they stand (more are learnt as it goes): each job
  // hands them to its agent, which hides them in the output it keeps.
  std::function<std::vector<std::string>()> secrets{};
};

struct AgentHost {
  std::string name;
  std::string url;  // http://ADDRESS:7070, or the host's magicc_agent_url
};

class AgentBackend final : public Backend {
 public:
  // Throws std::runtime_error when the token file cannot be read.
  AgentBackend(boost::asio::io_context& io, AgentOptions options,
               std::map<std::string, AgentHost> hosts);
  ~AgentBackend() override;
  void connect(const std::vector<std::string>& hosts,
               std::function<void(std::map<std::string, HostReach>)> done) override;
  HostOps& host(const std::string& name) override;
  void killAll() override;
  void shutdown() override;

  // What each agent said about itself at connect (GET /v1/info), by host.
  const std::map<std::string, nlohmann::json>& infos() const;

  // Shared with the hosts' operations, which outlive no backend.
  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace magicc::runtime
