// A host reached by commands (SSH): its commands run through an Executor,
// and its file operations are POSIX shell scripts over coreutils run the
// same way. The check reads the mode and sha256 there (`stat`,
// `sha256sum`); a write sends the content on stdin (never on a command
// line) into a temp file beside the target (mktemp: 0600 while it is
// written), sets the mode (after writing: a read-only mode would refuse the
// write), syncs and renames it over the target. Every script is audited as
// it ran ("check", "write", "remove").
#pragma once

#include <boost/asio/io_context.hpp>
#include <string>

#include "backends/Backend.h"

namespace magicc::runtime {

class ShellHostOps final : public HostOps {
 public:
  ShellHostOps(boost::asio::io_context& io, std::string name, Executor& executor)
      : io_(io), name_(std::move(name)), executor_(executor) {}
  const std::string& name() const override { return name_; }
  bool local() const override { return false; }
  void run(const CommandSpec& spec, std::function<void(CommandResult)> done) override;
  void stat(const OpContext& context, const std::string& path, FileDigest digest,
            std::function<void(FileState, OpStatus)> done) override;
  // `cat` of the file, then a trailer line with its size; a file over the
  // limit (or over what a command's output tail keeps) prints "large".
  void read(const OpContext& context, const std::string& path, std::size_t limit,
            std::function<void(FileContent, OpStatus)> done) override;
  void put(const OpContext& context, const FileWrite& write,
           std::function<void(OpStatus)> done) override;
  void remove(const OpContext& context, const std::string& path,
              std::function<void(OpStatus)> done) override;
  void call(const OpContext& context, const std::string& method, const nlohmann::json& params,
            std::function<void(nlohmann::json, std::string)> done) override;

 private:
  // Runs `command` (values in `env`) for the context's node, audited as `action`.
  void runScript(const OpContext& context, const std::string& action, const std::string& command,
                 Values env, std::string input, std::function<void(CommandResult)> done);

  boost::asio::io_context& io_;
  std::string name_;
  Executor& executor_;
};

// What the file check printed (its last line), as a FileState; nullopt when
// it is not an answer of the check.
std::optional<FileState> parseShellStat(const std::string& output);
// What the read script printed, as a FileContent; nullopt when it is not an
// answer of the read.
std::optional<FileContent> parseShellRead(const std::string& output);
// The most a read over commands returns: the content and its trailer must
// fit the 64 KiB output tail a command keeps.
inline constexpr std::size_t kShellReadLimit = 64 * 1024 - 64;

}  // namespace magicc::runtime
