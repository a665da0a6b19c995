// This machine as a backend: commands spawned by a LocalRunner, files read
// and written in-process (LocalFiles.h). Any host name can be served: the
// local target, `ansible_connection: local` hosts, or every host with
// --backend local; each host's commands see their own MAGICC_HOST.
#pragma once

#include <boost/asio/io_context.hpp>
#include <map>
#include <memory>
#include <string>

#include "backends/Backend.h"
#include "backends/LocalRunner.h"

namespace magicc::runtime {

// One host's operations on this machine.
class LocalHostOps final : public HostOps {
 public:
  LocalHostOps(boost::asio::io_context& io, std::string name, Executor& runner)
      : io_(io), name_(std::move(name)), runner_(runner) {}
  const std::string& name() const override { return name_; }
  bool local() const override { return true; }
  void run(const CommandSpec& spec, std::function<void(CommandResult)> done) override;
  void stat(const OpContext& context, const std::string& path, FileDigest digest,
            std::function<void(FileState, OpStatus)> done) override;
  void read(const OpContext& context, const std::string& path, std::size_t limit,
            std::function<void(FileContent, OpStatus)> done) override;
  // Audited with the write's `summary` (else the path and mode).
  void put(const OpContext& context, const FileWrite& write,
           std::function<void(OpStatus)> done) override;
  void remove(const OpContext& context, const std::string& path,
              std::function<void(OpStatus)> done) override;
  void call(const OpContext& context, const std::string& method, const nlohmann::json& params,
            std::function<void(nlohmann::json, std::string)> done) override;

 private:
  // Audits `action` on `arguments`, does `work` (an error message, or ""),
  // audits its result and posts the status.
  void change(const OpContext& context, const std::string& action, const std::string& arguments,
              const std::function<std::string()>& work, std::function<void(OpStatus)> done);

  boost::asio::io_context& io_;
  std::string name_;
  Executor& runner_;
};

class LocalBackend final : public Backend {
 public:
  LocalBackend(boost::asio::io_context& io, LocalOptions options)
      : io_(io), runner_(io, std::move(options)) {}
  // Nothing to connect: every host answers ok (root when magicc runs as root).
  void connect(const std::vector<std::string>& hosts,
               std::function<void(std::map<std::string, HostReach>)> done) override;
  HostOps& host(const std::string& name) override;
  void killAll() override { runner_.killAll(); }
  void shutdown() override { runner_.shutdown(); }

 private:
  boost::asio::io_context& io_;
  LocalRunner runner_;
  std::map<std::string, std::unique_ptr<LocalHostOps>> hosts_;
};

}  // namespace magicc::runtime
