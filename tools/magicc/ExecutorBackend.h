// temporary until the backends land (runtime/backends implements Backend
// for local and SSH hosts): today's LocalRunner and SshRunner as a Backend,
// SshRunner::preflight as connect. Only run() is used: the ResourceRunner
// still takes an Executor.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "backends/Backend.h"
#include "backends/LocalRunner.h"
#include "backends/SshRunner.h"

namespace magicc::driver {

class ExecutorBackend final : public runtime::Backend {
 public:
  // `ssh` may be null when every host is local.
  ExecutorBackend(boost::asio::io_context& io, runtime::LocalRunner& local, runtime::SshRunner* ssh,
                  std::set<std::string> localHosts)
      : io_(io), local_(local), ssh_(ssh), localHosts_(std::move(localHosts)) {}

  void connect(const std::vector<std::string>& hosts,
               std::function<void(std::map<std::string, runtime::HostReach>)> done) override {
    std::map<std::string, runtime::HostReach> reach;
    std::vector<std::string> remote;
    for (const auto& h : hosts) {
      if (isLocal(h))
        reach[h].ok = true;
      else
        remote.push_back(h);
    }
    if (remote.empty() || !ssh_) {
      boost::asio::post(io_, [done, reach] { done(reach); });
      return;
    }
    ssh_->preflight(remote, [done, reach](std::map<std::string, runtime::SshReach> r) mutable {
      for (auto& [h, s] : r) reach[h] = runtime::HostReach{s.ok, s.root, std::move(s.error)};
      done(std::move(reach));
    });
  }
  runtime::HostOps& host(const std::string& name) override {
    auto& ops = hosts_[name];
    if (!ops) ops = std::make_unique<Ops>(*this, name);
    return *ops;
  }
  void killAll() override { executor().killAll(); }
  void shutdown() override { executor().shutdown(); }

 private:
  class Ops final : public runtime::HostOps {
   public:
    Ops(ExecutorBackend& backend, std::string name) : backend_(backend), name_(std::move(name)) {}
    const std::string& name() const override { return name_; }
    bool local() const override { return backend_.isLocal(name_); }
    void run(const runtime::CommandSpec& spec,
             std::function<void(runtime::CommandResult)> done) override {
      backend_.executor().run(spec, std::move(done));
    }
    void stat(const runtime::OpContext&, const std::string&,
              std::function<void(runtime::FileState, std::string)> done) override {
      boost::asio::post(backend_.io_, [done] { done({}, kUnavailable); });
    }
    void put(const runtime::OpContext&, const runtime::FileWrite&,
             std::function<void(std::string)> done) override {
      boost::asio::post(backend_.io_, [done] { done(kUnavailable); });
    }
    void remove(const runtime::OpContext&, const std::string&,
                std::function<void(std::string)> done) override {
      boost::asio::post(backend_.io_, [done] { done(kUnavailable); });
    }
    void call(const runtime::OpContext&, const std::string&, const nlohmann::json&,
              std::function<void(nlohmann::json, std::string)> done) override {
      boost::asio::post(backend_.io_, [done] { done({}, kUnavailable); });
    }

   private:
    static constexpr const char* kUnavailable = "not available through an Executor";
    ExecutorBackend& backend_;
    std::string name_;
  };

  // Without SSH every host is this machine.
  bool isLocal(const std::string& h) const { return !ssh_ || h == "local" || localHosts_.count(h); }
  // SshRunner sends local hosts to the LocalRunner itself.
  runtime::Executor& executor() {
    return ssh_ ? static_cast<runtime::Executor&>(*ssh_) : static_cast<runtime::Executor&>(local_);
  }

  boost::asio::io_context& io_;
  runtime::LocalRunner& local_;
  runtime::SshRunner* ssh_;
  std::set<std::string> localHosts_;
  std::map<std::string, std::unique_ptr<Ops>> hosts_;
};

}  // namespace magicc::driver
