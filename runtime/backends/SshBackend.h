// Hosts over SSH as a backend: connect is SshRunner's preflight (it opens
// each host's master), commands go through the multiplexed masters, and
// files are shell scripts run there (ShellHostOps.h). The ssh clients it
// starts run through a LocalRunner of its own.
#pragma once

#include <boost/asio/io_context.hpp>
#include <map>
#include <memory>
#include <string>

#include "backends/Backend.h"
#include "backends/LocalRunner.h"
#include "backends/ShellHostOps.h"
#include "backends/SshRunner.h"

namespace magicc::runtime {

class SshBackend final : public Backend {
 public:
  // `local` configures the runner of the ssh clients (their leftovers
  // bookkeeping). Creates the private control directory; throws
  // std::runtime_error.
  SshBackend(boost::asio::io_context& io, LocalOptions local, SshOptions options,
             std::map<std::string, SshHost> hosts)
      : io_(io),
        local_(io, std::move(local)),
        ssh_(io, local_, std::move(options), std::move(hosts)) {}
  void connect(const std::vector<std::string>& hosts,
               std::function<void(std::map<std::string, HostReach>)> done) override {
    ssh_.preflight(hosts, std::move(done));
  }
  HostOps& host(const std::string& name) override {
    auto& ops = hosts_[name];
    if (!ops) ops = std::make_unique<ShellHostOps>(io_, name, ssh_);
    return *ops;
  }
  void killAll() override { ssh_.killAll(); }
  void shutdown() override { ssh_.shutdown(); }

 private:
  boost::asio::io_context& io_;
  LocalRunner local_;
  SshRunner ssh_;
  std::map<std::string, std::unique_ptr<ShellHostOps>> hosts_;
};

}  // namespace magicc::runtime
