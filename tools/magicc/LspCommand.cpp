// magicc lsp: the language server on stdin/stdout (lsp/, docs/lsp.md).
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "Commands.h"
#include "lsp/Server.h"

namespace magicc::driver {

namespace {

struct LspOptions {
  bool litTest = false;  // messages separated by "---" lines, replies pretty-printed
  int debounceMilliseconds = 150;
  std::vector<std::string> inventories;
};

int runLsp(const LspOptions& options) {
  lsp::ServerOptions serverOptions;
  serverOptions.debounceMilliseconds = options.debounceMilliseconds;
  serverOptions.inventories = options.inventories;
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
  cmd->add_option("-i,--inventory", options->inventories,
                  "A YAML inventory added to every program's own, for code lens and hover");
  return {cmd, [options] { return runLsp(*options); }};
}

}  // namespace magicc::driver
