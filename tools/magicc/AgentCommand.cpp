// magicc agent: the command line's wiring of the agent (runtime/agent) to
// the shared HTTP server (runtime/http) and the local runner. The API is in
// docs/agent.md.
#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <thread>

#include "Commands.h"
#include "ServerProcess.h"
#include "agent/Agent.h"
#include "agent/AgentConfig.h"
#include "agent/Facts.h"
#include "agent/JobLog.h"
#include "agent/Jobs.h"
#include "agent/RequestAudit.h"
#include "backends/LocalRunner.h"
#include "http/Server.h"
#include "http/Tokens.h"

namespace magicc::driver {

namespace {

struct AgentCommandOptions {
  std::string listen = "127.0.0.1:7070";
  std::string tokenFile;
  std::string tlsCert, tlsKey, tlsClientCa;
  std::string state;
  std::string config;
  std::string auditLog;
  unsigned threads = 2;
};

int fail(const std::string& text) {
  std::fprintf(stderr, "magicc: error: %s\n", text.c_str());
  return kExitUsage;
}

// "HOST:PORT", "[::1]:PORT"; nothing if malformed.
std::optional<std::pair<std::string, unsigned short>> splitListen(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  std::string host = text.substr(0, colon), port = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  int number = std::atoi(port.c_str());
  if (number > 65535) return std::nullopt;
  return std::make_pair(host, static_cast<unsigned short>(number));
}

std::string defaultStateDir() {
  if (::geteuid() == 0) return "/var/lib/magicc-agent";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.local/state/magicc-agent";
}

int runAgent(const AgentCommandOptions& options) {
  auto address = splitListen(options.listen);
  if (!address) return fail("--listen wants HOST:PORT, not '" + options.listen + "'");
  std::string error;
  auto tokens = http::TokenSet::load(options.tokenFile, error);
  if (!tokens) return fail("token file " + options.tokenFile + ": " + error);
  if (tokens->empty()) return fail("token file " + options.tokenFile + " holds no token");
  agent::AgentConfig config;
  if (!options.config.empty()) {
    auto loaded = agent::loadAgentConfig(options.config, error);
    if (!loaded) return fail(error);
    config = std::move(*loaded);
  }
  if (options.tlsCert.empty() != options.tlsKey.empty())
    return fail("--tls-cert and --tls-key go together");
  if (!options.tlsClientCa.empty() && options.tlsCert.empty())
    return fail("--tls-client-ca needs --tls-cert and --tls-key");
  for (const auto& file : {options.tlsCert, options.tlsKey, options.tlsClientCa})
    if (!file.empty() && ::access(file.c_str(), R_OK) != 0)
      return fail("cannot read " + file + ": " + std::strerror(errno));

  std::string stateDir = options.state.empty() ? defaultStateDir() : options.state;
  std::error_code ec;
  std::filesystem::create_directories(stateDir, ec);
  if (ec) return fail("cannot create the state directory " + stateDir + ": " + ec.message());
  std::unique_ptr<agent::JobLog> log;
  std::unique_ptr<agent::RequestAudit> audit;
  try {
    log = std::make_unique<agent::JobLog>(stateDir);
    audit = std::make_unique<agent::RequestAudit>(options.auditLog.empty() ? stateDir + "/audit.log"
                                                                           : options.auditLog);
  } catch (const std::exception& e) {
    return fail(e.what());
  }

  std::signal(SIGPIPE, SIG_IGN);
  boost::asio::io_context jobsIo;
  agent::Jobs* jobsPtr = nullptr;
  runtime::LocalOptions local;
  local.spawned = [&jobsPtr](const runtime::CommandSpec&, int group) {
    if (jobsPtr) jobsPtr->spawned(group);
  };
  runtime::LocalRunner runner(jobsIo, local);
  agent::Jobs jobs(jobsIo, runner, *log, agent::hostName());
  jobsPtr = &jobs;

  agent::AgentOptions agentOptions;
  agentOptions.tokens = std::move(*tokens);
  agentOptions.config = config;
  agentOptions.hostname = agent::hostName();
  agentOptions.version = MAGICC_VERSION;
  agentOptions.detectedFacts = agent::detectFacts();
  agent::Agent agent(std::move(agentOptions), jobs, *audit, jobsIo);

  http::ServerOptions serverOptions;
  serverOptions.host = address->first;
  serverOptions.port = address->second;
  serverOptions.bodyLimit = config.maxBody;
  serverOptions.headerTimeout = config.headerTimeout;
  serverOptions.bodyTimeout = config.bodyTimeout;
  serverOptions.idleTimeout = config.idleTimeout;
  serverOptions.maxConnections = connectionCap(config.maxConnections, raiseOpenFileLimit());
  boundAllocatorCaches();
  serverOptions.threads = options.threads == 0 ? 1 : options.threads;
  if (!options.tlsCert.empty())
    serverOptions.tls = http::TlsOptions{options.tlsCert, options.tlsKey, options.tlsClientCa};
  http::HttpServer server(
      serverOptions, [&agent](std::shared_ptr<http::Exchange> e) { agent.handle(std::move(e)); },
      [&agent](const http::Completed& c) { agent.observe(c); });
  agent.setConnectionCount([&server] { return server.stats().openConnections; });
  if (std::string why = server.listen(); !why.empty()) return fail(why);

  std::string host =
      address->first.find(':') != std::string::npos ? "[" + address->first + "]" : address->first;
  std::printf("magicc agent listening on %s://%s:%u\n", serverOptions.tls ? "https" : "http",
              host.c_str(), static_cast<unsigned>(server.port()));
  std::fflush(stdout);

  boost::asio::signal_set stops(jobsIo, SIGINT, SIGTERM);
  // Jobs first: clients streaming their output get its end while the
  // server still runs, then the server closes every connection.
  stops.async_wait([&server, &jobs](const boost::system::error_code& e, int) {
    if (e) return;
    jobs.stop("agent stopped");
    server.stop();
  });
  auto work = boost::asio::make_work_guard(jobsIo);
  std::thread jobsThread([&jobsIo] { jobsIo.run(); });
  server.run();
  // Stopped: the jobs still running are killed and recorded as such (done
  // already when a signal stopped it).
  jobs.stop("agent stopped");
  runner.killAll();
  stops.cancel();
  work.reset();
  jobsIo.stop();
  jobsThread.join();
  return kExitOk;
}

}  // namespace

Subcommand addAgentCommand(CLI::App& magicc) {
  auto options = std::make_shared<AgentCommandOptions>();
  auto* cmd = magicc.add_subcommand("agent", "Serve the agent API on this host (docs/agent.md)");
  cmd->add_option("--listen", options->listen, "HOST:PORT to listen on (port 0: any)")
      ->capture_default_str();
  cmd->add_option("--token-file", options->tokenFile, "Tokens clients may present")->required();
  cmd->add_option("--state", options->state, "Directory of the job log, output and metadata");
  cmd->add_option("--config", options->config, "agent.yaml: tags, facts, services, limits");
  cmd->add_option("--tls-cert", options->tlsCert, "Serve HTTPS with this PEM certificate chain");
  cmd->add_option("--tls-key", options->tlsKey, "The certificate's PEM private key");
  cmd->add_option("--tls-client-ca", options->tlsClientCa,
                  "Require client certificates signed by this CA (mutual TLS)");
  cmd->add_option("--audit-log", options->auditLog,
                  "The audit log (default STATE/audit.log; -: standard error)");
  cmd->add_option("--threads", options->threads, "Threads serving HTTP")->capture_default_str();
  return {cmd, [options] { return runAgent(*options); }};
}

}  // namespace magicc::driver
