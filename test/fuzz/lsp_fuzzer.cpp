// libFuzzer target: any message stream given to the language server is
// answered, never a crash or a hang. The input is JSON messages separated by
// "\n---\n" (as in --lit-test); the server is initialized first so that every
// feature is reachable, and files that are not open do not exist.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "NoFiles.h"
#include "lsp/Server.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  magicc::lsp::MemoryTransport transport;
  magicc::lsp::ServerOptions options;
  options.files = std::make_shared<magicc::fuzz::NoFiles>();
  magicc::lsp::Server server(transport, options);
  server.handleMessage(
      R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{}}})");
  constexpr std::string_view kSeparator = "\n---\n";
  for (int messages = 0; !input.empty() && messages < 64 && !server.exited(); ++messages) {
    std::size_t end = input.find(kSeparator);
    std::string_view message = input.substr(0, end);
    input =
        end == std::string_view::npos ? std::string_view() : input.substr(end + kSeparator.size());
    server.handleMessage(std::string(message));
    server.publishDiagnostics();
  }
  return 0;
}
