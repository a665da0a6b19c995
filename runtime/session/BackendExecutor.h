// temporary until ResourceRunner takes Backend&: an Executor that runs each
// command through its host's operations.
#pragma once

#include "backends/Backend.h"
#include "backends/Executor.h"

namespace magicc::runtime {

class BackendExecutor final : public Executor {
 public:
  explicit BackendExecutor(Backend& backend) : backend_(backend) {}
  void run(const CommandSpec& spec, std::function<void(CommandResult)> done) override {
    backend_.host(spec.host).run(spec, std::move(done));
  }
  void killAll() override { backend_.killAll(); }
  void shutdown() override { backend_.shutdown(); }
  bool local(const std::string& host) const override { return backend_.host(host).local(); }

 private:
  Backend& backend_;
};

}  // namespace magicc::runtime
