// Runs jobs: an item's or a stage task's command on its host, and a
// resource's check-then-apply, through the host's operations (HostOps in
// backends/Backend.h) only, so every kind works the same on any backend.
// Built-in kinds (stdlib/core.mm): file is a stat, then a put or a remove;
// password is generated and sealed here; exec (`creates` is a stat), pkg and
// svc are commands; a user kind runs its check: and apply: commands. With
// --check only checks run, and a job reports what would change.
#pragma once

#include <boost/asio/io_context.hpp>
#include <functional>
#include <string>
#include <vector>

#include "backends/Backend.h"
#include "engine/Engine.h"
#include "engine/Redactor.h"
#include "program/ActionRecord.h"
#include "program/Program.h"
#include "program/RenderCommand.h"

namespace magicc::store {
class SecretStore;
}

namespace magicc::runtime {

class OutputMemory;
struct FileWanted;

struct ResourceRunnerOptions {
  std::string runId;       // carried by every request to the backend
  bool checkOnly = false;  // --check
  bool diff = false;       // --diff: file resources tell what they change (CommandResult::diff)
  store::SecretStore* secrets = nullptr;
  // Outputs of senders that are in state and say nothing this run.
  OutputMemory* outputs = nullptr;
  std::function<void(const ActionRecord&)> audit;
};

class ResourceRunner final : public JobRunner {
 public:
  ResourceRunner(boost::asio::io_context& io, Backend& backend,
                 const std::vector<ResourceSpec>& resources, Redactor& redactor,
                 ResourceRunnerOptions options);
  void start(const Job& job, const StartContext& context,
             std::function<void(CommandResult)> done) override;
  void killAll() override { backend_.killAll(); }

 private:
  struct Task;
  using Done = std::function<void(CommandResult)>;
  // Runs a command for the task's node on its host; `input` goes to stdin.
  void runCommand(const Task& task, const std::string& action, const std::string& command,
                  const Values& env, std::function<void(CommandResult)> next,
                  std::string input = "");
  // A stage's call: the method of a service on the host's agent.
  void callMethod(const Job& job, Done done);
  void finish(const Done& done, CommandResult result);
  HostOps& hostOf(const Task& task);
  // Who asks, for the task's file operations (audited, redacted).
  OpContext contextOf(const Task& task);
  void registerSecrets(const Task& task, const Values& outs);
  std::string contentDigest(const Task& task, const std::string& content);
  void startFile(const std::shared_ptr<Task>& task);
  // --diff: reads what the file holds now (when the change needs it), then
  // goes on with `result` carrying the diff.
  void diffFile(const std::shared_ptr<Task>& task, const FileWanted& want, const FileState& current,
                CommandResult result, std::function<void(CommandResult)> next);
  void execAfterCreates(const std::shared_ptr<Task>& task);
  void startPassword(const std::shared_ptr<Task>& task);
  void startExec(const std::shared_ptr<Task>& task);
  void startPkg(const std::shared_ptr<Task>& task);
  void startSvc(const std::shared_ptr<Task>& task);
  void startUser(const std::shared_ptr<Task>& task);

  boost::asio::io_context& io_;
  Backend& backend_;
  const std::vector<ResourceSpec>& resources_;
  Redactor& redactor_;
  ResourceRunnerOptions options_;
};

}  // namespace magicc::runtime
