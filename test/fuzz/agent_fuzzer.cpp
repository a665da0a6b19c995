// The agent's request handling under arbitrary bytes: each input is parsed
// as an HTTP/1.1 request (as the server's parser would) and handed to the
// agent. Jobs go to an executor that runs nothing, files live in a temp
// directory (`files_under`), and inputs whose first byte is odd carry the
// admin token so the fuzzer reaches past authentication.
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "../unit/FakeExchange.h"
#include "agent/Agent.h"
#include "agent/JobLog.h"
#include "agent/Jobs.h"

namespace {

using namespace magicc;
// A literal of a few bytes: GCC 12 warns (-Wrestrict) wrongly on assigning "0".
constexpr const char* kFuzzVersion = "fuzz-version";
namespace bhttp = boost::beast::http;

// Finishes every command at once, with a little output, without running it.
class NullExecutor : public runtime::Executor {
 public:
  void run(const runtime::CommandSpec& spec,
           std::function<void(runtime::CommandResult)> done) override {
    if (spec.output) spec.output("out\n");
    runtime::CommandResult result;
    result.exitCode = spec.argv.size() % 2;
    done(result);
  }
  void killAll() override {}
};

struct Harness {
  std::filesystem::path dir;
  boost::asio::io_context io;
  NullExecutor executor;
  std::unique_ptr<agent::JobLog> log;
  std::unique_ptr<agent::RequestAudit> audit;
  std::unique_ptr<agent::Jobs> jobs;
  std::unique_ptr<agent::Agent> agent;

  Harness() {
    char name[] = "/tmp/magicc-agent-fuzz.XXXXXX";
    dir = ::mkdtemp(name);
    log = std::make_unique<agent::JobLog>((dir / "state").string());
    audit = std::make_unique<agent::RequestAudit>("");
    jobs = std::make_unique<agent::Jobs>(io, executor, *log, "fuzzhost");
    std::string error;
    agent::AgentOptions options;
    options.tokens = *http::TokenSet::parse("fuzz admin fuzz-token-0123456789\n", error);
    options.config.filesUnder = (dir / "files").string();
    options.hostname = "fuzzhost";
    options.version = kFuzzVersion;
    agent = std::make_unique<agent::Agent>(std::move(options), *jobs, *audit, io);
  }
  ~Harness() {
    agent.reset();
    jobs.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Harness harness;  // one agent for the whole run, like a server's life
  if (size == 0) return 0;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.body_limit(1 << 20);
  parser.header_limit(64 * 1024);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data + 1, size - 1), ec);
  if (ec || !parser.is_done()) return 0;
  http::Request request = parser.release();
  if ((data[0] & 1) && request.find(bhttp::field::authorization) == request.end())
    request.set(bhttp::field::authorization, "Bearer fuzz-token-0123456789");
  auto exchange = std::make_shared<testing::FakeExchange>(std::move(request));
  harness.agent->handle(exchange);
  harness.io.restart();
  harness.io.poll();
  return 0;
}
