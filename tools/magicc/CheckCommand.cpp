// magicc check FILE...: parse and check programs, print the diagnostics.
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>

#include "Commands.h"
#include "frontend/Compilation.h"

namespace magicc::driver {

namespace {

struct CheckOptions {
  std::vector<std::string> files;
  bool syntaxOnly = false;  // parse only; semantic analysis is skipped
  bool json = false;        // --json: --diagnostics-format json
  DiagnosticOptions diagnostics;
};

int runCheck(const CheckOptions& options) {
  frontend::Compilation compilation;
  compilation.leakOnExit();  // the process ends right after: skip freeing the AST
  compilation.diags().setErrorLimit(options.diagnostics.errorLimit);
  bool unreadable = false;
  for (const auto& file : options.files) {
    std::optional<syntax::LoadedProgram> program;
    if (file == "-") {
      // Standard input, as an editor or a pipe gives it; imports are found from here.
      std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
      program = compilation.load(compilation.sources().addBuffer("<stdin>", std::move(text)));
    } else {
      program = compilation.load(file);
    }
    if (!program) {
      unreadable = true;
      continue;
    }
    if (!options.syntaxOnly) (void)compilation.analyze(*program);
  }
  emitDiagnostics(compilation.diags(), compilation.sources(), options.diagnostics);
  if (unreadable) return kExitUsage;
  return compilation.diags().hasErrors() ? kExitProgramErrors : kExitOk;
}

}  // namespace

Subcommand addCheckCommand(CLI::App& magicc) {
  auto options = std::make_shared<CheckOptions>();
  auto* cmd = magicc.add_subcommand("check", "Parse and check magic files; print diagnostics");
  cmd->add_option("files", options->files, "The .mm files to check ('-': standard input)")
      ->required();
  cmd->add_flag("--syntax-only", options->syntaxOnly, "Stop after parsing");
  cmd->add_flag("--json", options->json, "Diagnostics as JSON (--diagnostics-format json)");
  addDiagnosticOptions(*cmd, options->diagnostics);
  return {cmd, [options] {
            if (options->json) options->diagnostics.format = DiagnosticsFormat::Json;
            return runCheck(*options);
          }};
}

}  // namespace magicc::driver
