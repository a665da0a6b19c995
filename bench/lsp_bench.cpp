// The language server on a large program: diagnostics after an edit,
// completion and hover, each timed over many requests (p50, p99, max), as an
// editor would drive it (in memory, without the pipe). Also the memory after
// 10,000 edits against the memory after the first 1,000 (it must stay flat).
//   lsp_bench FILE.mm
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "lsp/Server.h"

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

long residentKilobytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

void report(const char* what, std::vector<double>& ms) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) {
    return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))];
  };
  std::printf("%-28s n=%-5zu p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms\n", what, ms.size(), at(0.5),
              at(0.99), ms.back());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: lsp_bench FILE.mm\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  std::string uri = "file:///bench/program.mm";
  std::size_t lines = std::count(text.begin(), text.end(), '\n');

  magicc::lsp::MemoryTransport transport;
  magicc::lsp::Server server(transport, {});
  int id = 0;
  auto send = [&](const std::string& method, json params, bool request) {
    json m = {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
    if (request) m["id"] = ++id;
    server.handleMessage(m.dump());
    transport.output().clear();
  };
  send("initialize", {{"capabilities", {{"general", {{"positionEncodings", {"utf-8"}}}}}}}, true);
  send("textDocument/didOpen",
       {{"textDocument", {{"uri", uri}, {"languageId", "magic"}, {"version", 1}, {"text", text}}}},
       false);
  server.publishDiagnostics();

  // An edit in the middle of the program, then the diagnostics it causes.
  std::vector<double> diagnostics, completion, hover;
  std::uint32_t middle = static_cast<std::uint32_t>(lines / 2);
  auto edit = [&](int version) {
    json range = {{"start", {{"line", middle}, {"character", 0}}},
                  {"end", {{"line", middle}, {"character", 0}}}};
    send("textDocument/didChange",
         {{"textDocument", {{"uri", uri}, {"version", version}}},
          {"contentChanges", {{{"range", range}, {"text", version % 2 ? "# x\n" : ""}}}}},
         false);
  };
  int version = 1;
  for (int i = 0; i < 100; ++i) {
    auto start = Clock::now();
    edit(++version);
    server.publishDiagnostics();
    diagnostics.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  // Requests on the analysed program (the common case: the cursor moves, the text does not).
  for (int i = 0; i < 500; ++i) {
    std::uint32_t line = static_cast<std::uint32_t>((i * 7919) % lines);
    json at = {{"textDocument", {{"uri", uri}}}, {"position", {{"line", line}, {"character", 12}}}};
    auto start = Clock::now();
    send("textDocument/completion", at, true);
    completion.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    start = Clock::now();
    send("textDocument/hover", at, true);
    hover.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::printf("%s: %zu lines, %zu bytes\n", argv[1], lines, text.size());
  report("diagnostics after an edit", diagnostics);
  report("completion", completion);
  report("hover", hover);

  // Memory over 10,000 edits (diagnostics every 10th, as debouncing would).
  long after1000 = 0;
  for (int i = 0; i < 10000; ++i) {
    edit(++version);
    if (i % 10 == 0) server.publishDiagnostics();
    if (i == 999) after1000 = residentKilobytes();
  }
  long after10000 = residentKilobytes();
  std::printf("resident memory: %ld KiB after 1,000 edits, %ld KiB after 10,000\n", after1000,
              after10000);
  return 0;
}
