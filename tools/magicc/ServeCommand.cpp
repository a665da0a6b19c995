// magicc serve FILE.mm: make-magic's task API over a task store (SQLite by
// default, PostgreSQL to share it between servers). Wiring only: the
// program is prepared once, each new task's items come from the planner's
// make-magic rule (plan/TaskItems.h), and runtime/serve does the rest.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <tuple>

#include "Commands.h"
#include "PreparedPlan.h"
#include "ServerProcess.h"
#include "StopSignals.h"
#include "agent/AgentConfig.h"
#include "http/Tokens.h"
#include "plan/TaskItems.h"
#include "serve/PostgresTaskStore.h"
#include "serve/ServeServer.h"
#include "serve/SqliteTaskStore.h"
#include "store/StateFiles.h"

namespace magicc::driver {

namespace {

struct ServeFlags {
  PlanOptions plan;
  std::string listen = "127.0.0.1:4554";  // make-magic's port
  std::string store;                      // default: sqlite:.magicc/tasks.db beside the program
  std::string tokenFile;
  unsigned threads = 8;
  std::size_t connections = 8;
  std::string headerTimeout = "10s";
  std::string bodyTimeout = "60s";
  std::string idleTimeout = "60s";
  std::size_t maxConnections = 4096;
};

bool isLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

std::unique_ptr<serve::TaskStore> openStore(const ServeFlags& flags) {
  std::string spec = flags.store;
  if (spec.empty()) {
    auto dir = std::filesystem::path(flags.plan.file).parent_path() / ".magicc";
    store::prepareStateDir(dir.string(), true);
    spec = "sqlite:" + (dir / "tasks.db").string();
  }
  if (spec.rfind("sqlite:", 0) == 0)
    return std::make_unique<serve::SqliteTaskStore>(spec.substr(7));
  if (spec.rfind("postgresql://", 0) == 0 || spec.rfind("postgres://", 0) == 0)
    return std::make_unique<serve::PostgresTaskStore>(spec, flags.connections);
  throw serve::StoreError("--store takes sqlite:PATH or postgresql://...: " + spec);
}

int runServe(const ServeFlags& flags) {
  auto colon = flags.listen.rfind(':');
  if (colon == std::string::npos) {
    std::fprintf(stderr, "magicc: error: --listen takes HOST:PORT\n");
    return kExitUsage;
  }
  serve::ServeOptions options;
  options.http.host = flags.listen.substr(0, colon);
  if (options.http.host.size() > 2 && options.http.host.front() == '[')
    options.http.host = options.http.host.substr(1, options.http.host.size() - 2);
  try {
    options.http.port = static_cast<unsigned short>(std::stoul(flags.listen.substr(colon + 1)));
  } catch (const std::exception&) {
    std::fprintf(stderr, "magicc: error: --listen takes HOST:PORT\n");
    return kExitUsage;
  }
  options.http.threads = flags.threads;
  for (auto [flag, text, into] :
       {std::tuple{"--header-timeout", &flags.headerTimeout, &options.http.headerTimeout},
        std::tuple{"--body-timeout", &flags.bodyTimeout, &options.http.bodyTimeout},
        std::tuple{"--idle-timeout", &flags.idleTimeout, &options.http.idleTimeout}}) {
    auto duration = agent::parseDuration(*text);
    if (!duration || duration->count() == 0) {
      std::fprintf(stderr, "magicc: error: %s takes a duration like 10s, not '%s'\n", flag,
                   text->c_str());
      return kExitUsage;
    }
    *into = *duration;
  }
  if (flags.maxConnections == 0) {
    std::fprintf(stderr, "magicc: error: --max-connections must be at least 1\n");
    return kExitUsage;
  }
  options.http.maxConnections = connectionCap(flags.maxConnections, raiseOpenFileLimit());
  boundAllocatorCaches();
  if (!flags.tokenFile.empty()) {
    std::string why;
    options.tokens = http::TokenSet::load(flags.tokenFile, why);
    if (!options.tokens) {
      std::fprintf(stderr, "magicc: error: %s\n", why.c_str());
      return kExitUsage;
    }
  } else if (!isLoopback(options.http.host)) {
    std::fprintf(stderr,
                 "magicc: error: listening on %s needs --token-file (make-magic had no "
                 "authentication; magicc serve only goes without on loopback)\n",
                 options.http.host.c_str());
    return kExitUsage;
  }

  PreparedPlan prepared;
  if (int code = preparePlan(flags.plan, prepared); code != kExitOk) return code;
  std::mutex planning;  // deciding conditions touches the graph's shared tables
  serve::TaskFactory factory = [&](const std::vector<std::string>& requirements) {
    std::lock_guard lock(planning);
    std::vector<serve::ItemSpec> items;
    for (auto& i : plan::makeMagicTask(prepared, requirements))
      items.push_back(
          {std::move(i.name), std::move(i.depends), std::move(i.description), std::move(i.run)});
    return items;
  };

  StopSignals signals;  // before the store's and the server's threads start

  std::unique_ptr<serve::TaskStore> store;
  try {
    store = openStore(flags);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "magicc: error: %s\n", e.what());
    return kExitUsage;
  }
  serve::TaskApi api(*store, factory);
  serve::ServeServer server(api, options);
  if (std::string why = server.listen(); !why.empty()) {
    std::fprintf(stderr, "magicc: error: %s\n", why.c_str());
    return kExitUsage;
  }
  std::fprintf(stderr, "magicc serve: listening on http://%s:%u/ (store: %s)\n",
               options.http.host.c_str(), server.port(), store->kind().c_str());
  signals.onSignal([&] { server.stop(); });
  server.run();
  signals.release();
  return kExitOk;
}

}  // namespace

Subcommand addServeCommand(CLI::App& magicc) {
  auto flags = std::make_shared<ServeFlags>();
  auto* cmd = magicc.add_subcommand("serve", "Serve make-magic's task API for a program's items");
  cmd->add_option("file", flags->plan.file, "The .mm program whose items tasks are made of")
      ->required();
  cmd->add_option("-D", flags->plan.defines, "A param value: -D name=value");
  cmd->add_option("--listen", flags->listen, "HOST:PORT to listen on")->capture_default_str();
  cmd->add_option("--store", flags->store,
                  "sqlite:PATH or postgresql://... (default: sqlite:.magicc/tasks.db beside the "
                  "program)");
  cmd->add_option("--token-file", flags->tokenFile,
                  "Bearer tokens clients must present (required off loopback)");
  cmd->add_option("--threads", flags->threads, "Threads serving requests")->capture_default_str();
  cmd->add_option("--connections", flags->connections, "PostgreSQL connections in the pool")
      ->capture_default_str();
  cmd->add_option("--header-timeout", flags->headerTimeout,
                  "A request's header must arrive within this (a duration: 10s, 500ms)")
      ->capture_default_str();
  cmd->add_option("--body-timeout", flags->bodyTimeout,
                  "A request's body must arrive within this once its header is in")
      ->capture_default_str();
  cmd->add_option("--idle-timeout", flags->idleTimeout,
                  "A kept-alive connection idle this long is closed")
      ->capture_default_str();
  cmd->add_option("--max-connections", flags->maxConnections,
                  "Open connections at most (then the longest idle one is closed, else 503)")
      ->capture_default_str();
  addDiagnosticOptions(*cmd, flags->plan.diagnostics);
  return {cmd, [flags] { return runServe(*flags); }};
}

}  // namespace magicc::driver
