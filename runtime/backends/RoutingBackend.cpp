#include "backends/RoutingBackend.h"

#include <boost/asio/post.hpp>

namespace magicc::runtime {

namespace asio = boost::asio;

// A host no backend serves: every operation fails, saying why.
class RoutingBackend::Unrouted final : public HostOps {
 public:
  Unrouted(asio::io_context& io, std::string name, std::string why)
      : io_(io), name_(std::move(name)), why_(std::move(why)) {}
  const std::string& name() const override { return name_; }
  bool local() const override { return false; }
  void run(const CommandSpec&, std::function<void(CommandResult)> done) override {
    asio::post(io_, [done = std::move(done), s = opFailure(why_)] { done(s); });
  }
  void stat(const OpContext&, const std::string&, FileDigest,
            std::function<void(FileState, OpStatus)> done) override {
    asio::post(io_, [done = std::move(done), s = opFailure(why_)] { done({}, s); });
  }
  void read(const OpContext&, const std::string&, std::size_t,
            std::function<void(FileContent, OpStatus)> done) override {
    asio::post(io_, [done = std::move(done), s = opFailure(why_)] { done({}, s); });
  }
  void put(const OpContext&, const FileWrite&, std::function<void(OpStatus)> done) override {
    asio::post(io_, [done = std::move(done), s = opFailure(why_)] { done(s); });
  }
  void remove(const OpContext&, const std::string&, std::function<void(OpStatus)> done) override {
    asio::post(io_, [done = std::move(done), s = opFailure(why_)] { done(s); });
  }
  void call(const OpContext&, const std::string&, const nlohmann::json&,
            std::function<void(nlohmann::json, std::string)> done) override {
    asio::post(io_, [done = std::move(done), why = why_] { done(nullptr, why); });
  }

 private:
  asio::io_context& io_;
  std::string name_, why_;
};

RoutingBackend::RoutingBackend(asio::io_context& io,
                               std::map<std::string, std::unique_ptr<Backend>> connections,
                               std::map<std::string, std::string> routes)
    : io_(io), connections_(std::move(connections)), routes_(std::move(routes)) {}

RoutingBackend::~RoutingBackend() = default;

Backend* RoutingBackend::backendOf(const std::string& host) const {
  auto route = routes_.find(host);
  std::string connection = route != routes_.end() ? route->second : host == "local" ? "local" : "";
  auto it = connections_.find(connection);
  return it != connections_.end() ? it->second.get() : nullptr;
}

std::string RoutingBackend::whyUnrouted(const std::string& host) const {
  auto route = routes_.find(host);
  if (route == routes_.end()) return "host '" + host + "' is not a host of this run";
  return "host '" + host + "' connects with '" + route->second + "', which this run cannot use";
}

void RoutingBackend::connect(const std::vector<std::string>& hosts,
                             std::function<void(std::map<std::string, HostReach>)> done) {
  auto reach = std::make_shared<std::map<std::string, HostReach>>();
  std::map<Backend*, std::vector<std::string>> groups;
  for (const auto& host : hosts) {
    if (Backend* backend = backendOf(host))
      groups[backend].push_back(host);
    else
      (*reach)[host].error = whyUnrouted(host);
  }
  if (groups.empty()) {
    asio::post(io_, [done = std::move(done), reach] { done(*reach); });
    return;
  }
  auto pending = std::make_shared<std::size_t>(groups.size());
  auto finish =
      std::make_shared<std::function<void(std::map<std::string, HostReach>)>>(std::move(done));
  for (auto& [backend, group] : groups)
    backend->connect(group, [reach, pending, finish](std::map<std::string, HostReach> answered) {
      reach->merge(answered);
      if (--*pending == 0) (*finish)(*reach);
    });
}

HostOps& RoutingBackend::host(const std::string& name) {
  if (Backend* backend = backendOf(name)) return backend->host(name);
  auto& ops = unrouted_[name];
  if (!ops) ops = std::make_unique<Unrouted>(io_, name, whyUnrouted(name));
  return *ops;
}

void RoutingBackend::killAll() {
  for (auto& [connection, backend] : connections_) backend->killAll();
}

void RoutingBackend::shutdown() {
  for (auto& [connection, backend] : connections_) backend->shutdown();
}

}  // namespace magicc::runtime
