// magicc work --server URL: mudpuppy's role (runtime/serve/Worker.h). Wiring
// only: options, the token file, and SIGINT/SIGTERM to Worker::stop.
#include <cstdio>
#include <memory>

#include "Commands.h"
#include "StopSignals.h"
#include "http/Tokens.h"
#include "serve/Worker.h"

namespace magicc::driver {

namespace {

struct WorkFlags {
  serve::WorkerOptions options;
  std::vector<std::string> only;
  std::string tokenFile;
};

int runWork(WorkFlags flags) {
  for (const auto& names : flags.only) {
    std::size_t start = 0;
    while (start <= names.size()) {
      auto comma = names.find(',', start);
      std::string name = names.substr(start, comma - start);
      if (!name.empty()) flags.options.only.push_back(name);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  if (!flags.tokenFile.empty()) {
    std::string why;
    auto token = http::readClientToken(flags.tokenFile, why);
    if (!token) {
      std::fprintf(stderr, "magicc: error: %s\n", why.c_str());
      return kExitUsage;
    }
    flags.options.token = *token;
  }
  StopSignals signals;
  serve::Worker worker(flags.options, [](const std::string& line) {
    std::fprintf(stderr, "magicc work: %s\n", line.c_str());
  });
  signals.onSignal([&] { worker.stop(); });
  // Said once SIGINT/SIGTERM stop it cleanly: a supervisor (or a test) may
  // signal it from here on.
  std::fprintf(stderr, "magicc work: working for %s, %u at once\n", flags.options.server.c_str(),
               flags.options.jobs);
  int code = worker.run();
  signals.release();
  return code;
}

}  // namespace

Subcommand addWorkCommand(CLI::App& magicc) {
  auto flags = std::make_shared<WorkFlags>();
  auto* cmd = magicc.add_subcommand("work", "Run ready items of a task server's tasks");
  cmd->add_option("--server", flags->options.server, "The task server: http://host:port")
      ->required();
  cmd->add_option("-j,--jobs", flags->options.jobs, "Items run at once")->capture_default_str();
  cmd->add_option("--only", flags->only, "Run only these items (a,b; repeatable)");
  cmd->add_option("--token-file", flags->tokenFile, "A bearer token for the server");
  return {cmd, [flags] { return runWork(*flags); }};
}

}  // namespace magicc::driver
