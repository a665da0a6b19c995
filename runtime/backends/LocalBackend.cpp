#include "backends/LocalBackend.h"

#include <unistd.h>

#include <boost/asio/post.hpp>

#include "backends/LocalFiles.h"

namespace magicc::runtime {

namespace asio = boost::asio;

void LocalHostOps::run(const CommandSpec& spec, std::function<void(CommandResult)> done) {
  runner_.run(spec, std::move(done));
}

void LocalHostOps::stat(const OpContext&, const std::string& path, FileDigest digest,
                        std::function<void(FileState, OpStatus)> done) {
  std::string error;
  auto st = readFileState(path, error, digest == FileDigest::Sha256);
  asio::post(io_, [done = std::move(done), st = st.value_or(FileState{}), error] {
    done(st, error.empty() ? OpStatus{} : opFailure(error));
  });
}

void LocalHostOps::read(const OpContext&, const std::string& path, std::size_t limit,
                        std::function<void(FileContent, OpStatus)> done) {
  std::string error;
  auto content = readFileContent(path, limit, error);
  asio::post(io_, [done = std::move(done), content = content.value_or(FileContent{}), error] {
    done(content, error.empty() ? OpStatus{} : opFailure(error));
  });
}

void LocalHostOps::change(const OpContext& context, const std::string& action,
                          const std::string& arguments, const std::function<std::string()>& work,
                          std::function<void(OpStatus)> done) {
  ActionRecord record{name_, context.node, action, arguments};
  // Audited before it acts: an action a crash interrupts is in the log too.
  record.result = "start";
  if (context.audit) context.audit(record);
  std::string error = work();
  record.ok = error.empty();
  record.result = error.empty() ? "ok" : error;
  if (context.audit) context.audit(record);
  asio::post(io_, [done = std::move(done), error] {
    done(error.empty() ? OpStatus{} : opFailure(error));
  });
}

void LocalHostOps::put(const OpContext& context, const FileWrite& write,
                       std::function<void(OpStatus)> done) {
  std::string arguments = write.summary;
  if (arguments.empty()) {
    char mode[16];
    std::snprintf(mode, sizeof mode, "%04o", write.mode);
    arguments = write.path + " mode " + mode;
  }
  change(
      context, "write", arguments,
      [&write] {
        return write.modeOnly ? changeMode(write.path, write.mode)
                              : writeFileAtomically(write.path, write.content, write.mode);
      },
      std::move(done));
}

void LocalHostOps::remove(const OpContext& context, const std::string& path,
                          std::function<void(OpStatus)> done) {
  change(
      context, "remove", path, [&path] { return removeFile(path); }, std::move(done));
}

void LocalHostOps::call(const OpContext&, const std::string&, const nlohmann::json&,
                        std::function<void(nlohmann::json, std::string)> done) {
  asio::post(io_, [done = std::move(done), why = noAgentError(name_)] { done(nullptr, why); });
}

void LocalBackend::connect(const std::vector<std::string>& hosts,
                           std::function<void(std::map<std::string, HostReach>)> done) {
  std::map<std::string, HostReach> reach;
  for (const auto& name : hosts) {
    HostReach& r = reach[name];
    r.ok = true;
    r.local = true;
    r.root = ::geteuid() == 0;
  }
  asio::post(io_, [done = std::move(done), reach = std::move(reach)] { done(reach); });
}

HostOps& LocalBackend::host(const std::string& name) {
  auto& ops = hosts_[name];
  if (!ops) ops = std::make_unique<LocalHostOps>(io_, name, runner_);
  return *ops;
}

}  // namespace magicc::runtime
