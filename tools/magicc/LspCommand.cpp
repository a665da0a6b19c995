// magicc lsp: the language server on stdin/stdout (lsp/, docs/lsp.md).
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>

#include "Commands.h"
#include "lsp/Server.h"

namespace magicc::driver {

namespace {

struct LspOptions {
  bool litTest = false;  // messages separated by "---" lines, replies pretty-printed
  int debounceMilliseconds = 150;
};

int runLsp(const LspOptions& options) {
  lsp::ServerOptions serverOptions;
  serverOptions.debounceMilliseconds = options.debounceMilliseconds;
  if (options.litTest) {
    lsp::LitTransport transport(std::cin, std::cout);
    return lsp::Server(transport, serverOptions).run();
  }
  lsp::StdioTransport transport(STDIN_FILENO, stdout);
  return lsp::Server(transport, serverOptions).run();
}

}  // namespace

Subcommand addLspCommand(CLI::App& magicc) {
  auto options = std::make_shared<LspOptions>();
  auto* cmd = magicc.add_subcommand("lsp", "Run the language server on stdin and stdout");
  cmd->add_flag("--lit-test", options->litTest,
                "Read JSON messages separated by '---' lines; print replies for FileCheck");
  cmd->add_option("--debounce-ms", options->debounceMilliseconds,
                  "Wait this long after an edit before publishing diagnostics")
      ->check(CLI::Range(0, 10000));
  return {cmd, [options] { return runLsp(*options); }};
}

}  // namespace magicc::driver
