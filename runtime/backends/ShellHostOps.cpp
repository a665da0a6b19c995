#include "backends/ShellHostOps.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cstdio>
#include <optional>

#include "program/FileMode.h"
#include "program/RenderCommand.h"

namespace magicc::runtime {

namespace {

// Prints "other" (a link, a directory, a device), "absent", or the mode in
// octal, then (when asked) a space and the content's sha256.
std::string statScript(FileDigest digest) {
  std::string script =
      "f=\"${MAGICC_ARG_0}\"; if [ -L \"$f\" ] || { [ -e \"$f\" ] && [ ! -f \"$f\" ]; }; then "
      "echo other; ";
  if (digest == FileDigest::Sha256)
    script +=
        "elif [ -f \"$f\" ]; then printf '%s ' \"$(stat -c %a \"$f\")\"; sha256sum < \"$f\" | "
        "cut -c1-64; ";
  else
    script += "elif [ -f \"$f\" ]; then stat -c %a \"$f\"; ";
  return script + "else echo absent; fi";
}

// Prints "other" (no regular file there), "large", or the content, a newline
// and "magicc-read SIZE" (the trailer: whatever a login script printed
// before it is told apart by the size).
const char* const kReadScript =
    "f=\"${MAGICC_ARG_0}\"; if [ -L \"$f\" ] || [ ! -f \"$f\" ]; then echo other; "
    "else n=$(wc -c < \"$f\") || exit 1; n=$((n + 0)); "
    "if [ \"$n\" -gt \"${MAGICC_ARG_1}\" ]; then echo large; "
    "else cat -- \"$f\" || exit 1; printf '\\nmagicc-read %s\\n' \"$n\"; fi; fi";

// Temp files a killed write left (`.NAME.magicc-XXXXXX`) go first.
const char* const kWriteScript =
    "set -e; f=\"${MAGICC_ARG_0}\"; d=$(dirname \"$f\"); b=$(basename \"$f\"); "
    "mkdir -p \"$d\"; rm -f \"$d/.$b.magicc-\"??????; "
    "t=$(mktemp \"$d/.$b.magicc-XXXXXX\"); trap 'rm -f \"$t\"' EXIT; cat > \"$t\"; "
    "chmod \"${MAGICC_ARG_1}\" \"$t\"; sync \"$t\" 2>/dev/null || true; "
    "mv -f \"$t\" \"$f\"; trap - EXIT";

}  // namespace

std::optional<FileState> parseShellStat(const std::string& output) {
  std::string line = output;
  while (!line.empty() && (line.back() == '\n' || line.back() == ' ' || line.back() == '\r'))
    line.pop_back();
  // A login script may print before the check: its answer is the last line.
  if (std::size_t nl = line.rfind('\n'); nl != std::string::npos) line.erase(0, nl + 1);
  FileState st;
  if (line == "absent") return st;
  st.exists = true;
  if (line == "other") return st;
  std::size_t space = line.find(' ');
  std::string mode = line.substr(0, space);
  if (mode.empty() || mode.size() > 4 || mode.find_first_not_of("01234567") != std::string::npos)
    return std::nullopt;
  st.regular = true;
  st.mode = static_cast<unsigned>(std::stoul(mode, nullptr, 8));
  if (space != std::string::npos) {
    st.sha256 = line.substr(space + 1);
    if (st.sha256.size() != 64 ||
        st.sha256.find_first_not_of("0123456789abcdef") != std::string::npos)
      return std::nullopt;
  }
  return st;
}

std::optional<FileContent> parseShellRead(const std::string& output) {
  FileContent out;
  auto endsWith = [&](std::string_view tail) {
    return output.size() >= tail.size() &&
           output.compare(output.size() - tail.size(), tail.size(), tail) == 0;
  };
  if (endsWith("other\n")) return out;
  out.regular = true;
  if (endsWith("large\n")) {
    out.tooLarge = true;
    return out;
  }
  static constexpr std::string_view kTrailer = "\nmagicc-read ";
  if (output.empty() || output.back() != '\n') return std::nullopt;
  std::size_t at = output.rfind(kTrailer);
  if (at == std::string::npos) return std::nullopt;
  std::string size = output.substr(at + kTrailer.size());
  size.pop_back();
  if (size.empty() || size.size() > 12 || size.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  std::size_t n = std::stoull(size);
  if (n > at) return std::nullopt;
  out.bytes = output.substr(at - n, n);
  return out;
}

void ShellHostOps::run(const CommandSpec& spec, std::function<void(CommandResult)> done) {
  executor_.run(spec, std::move(done));
}

void ShellHostOps::runScript(const OpContext& context, const std::string& action,
                             const std::string& command, Values env, std::string input,
                             std::function<void(CommandResult)> done) {
  CommandSpec spec;
  spec.command = command;
  spec.env = std::move(env);
  spec.input = std::move(input);
  spec.node = context.node;
  spec.host = name_;
  spec.runId = context.runId;
  spec.timeout = context.timeout;
  spec.sudo = context.sudo;
  // Audited before it acts: an action a crash interrupts is in the log too.
  ActionRecord record{name_, context.node, action, displayCommand(spec.command, spec.env)};
  record.result = "start";
  if (context.audit) context.audit(record);
  executor_.run(spec,
                [audit = context.audit, record, done = std::move(done)](CommandResult r) mutable {
                  record.ok = r.ok();
                  record.result = r.ok() ? "ok" : describeFailure(r);
                  if (audit) audit(record);
                  done(std::move(r));
                });
}

void ShellHostOps::stat(const OpContext& context, const std::string& path, FileDigest digest,
                        std::function<void(FileState, OpStatus)> done) {
  runScript(context, "check", statScript(digest), {{"MAGICC_ARG_0", path}}, "",
            [path, done = std::move(done)](CommandResult r) {
              if (!r.ok()) return done({}, std::move(r));
              auto st = parseShellStat(r.stdoutTail);
              if (!st)
                return done({}, opFailure("cannot read the state of '" + path +
                                          "': the check printed something else"));
              done(std::move(*st), OpStatus{});
            });
}

void ShellHostOps::read(const OpContext& context, const std::string& path, std::size_t limit,
                        std::function<void(FileContent, OpStatus)> done) {
  limit = std::min(limit, kShellReadLimit);
  runScript(context, "read", kReadScript,
            {{"MAGICC_ARG_0", path}, {"MAGICC_ARG_1", std::to_string(limit)}}, "",
            [path, done = std::move(done)](CommandResult r) {
              if (!r.ok()) return done({}, std::move(r));
              auto content = parseShellRead(r.stdoutTail);
              if (!content)
                return done(
                    {}, opFailure("cannot read '" + path + "': the read printed something else"));
              done(std::move(*content), OpStatus{});
            });
}

void ShellHostOps::put(const OpContext& context, const FileWrite& write,
                       std::function<void(OpStatus)> done) {
  Values env{{"MAGICC_ARG_0", write.path}, {"MAGICC_ARG_1", octalMode(write.mode)}};
  if (write.modeOnly)
    return runScript(context, "write", "chmod \"${MAGICC_ARG_1}\" \"${MAGICC_ARG_0}\"",
                     std::move(env), "", std::move(done));
  runScript(context, "write", kWriteScript, std::move(env), write.content, std::move(done));
}

void ShellHostOps::remove(const OpContext& context, const std::string& path,
                          std::function<void(OpStatus)> done) {
  runScript(context, "remove", "rm -f \"${MAGICC_ARG_0}\"", {{"MAGICC_ARG_0", path}}, "",
            std::move(done));
}

void ShellHostOps::call(const OpContext&, const std::string&, const nlohmann::json&,
                        std::function<void(nlohmann::json, std::string)> done) {
  boost::asio::post(io_,
                    [done = std::move(done), why = noAgentError(name_)] { done(nullptr, why); });
}

}  // namespace magicc::runtime
