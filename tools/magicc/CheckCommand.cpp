// magicc check FILE...: parse and check programs, print the diagnostics.
#include <memory>

#include "Commands.h"
#include "frontend/Compilation.h"

namespace magicc::driver {

namespace {

struct CheckOptions {
  std::vector<std::string> files;
  bool syntaxOnly = false;  // parse only; semantic analysis is skipped
  DiagnosticOptions diagnostics;
};

int runCheck(const CheckOptions& options) {
  frontend::Compilation compilation;
  compilation.leakOnExit();  // the process ends right after: skip freeing the AST
  compilation.diags().setErrorLimit(options.diagnostics.errorLimit);
  bool unreadable = false;
  for (const auto& file : options.files) {
    auto program = compilation.load(file);
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
  cmd->add_option("files", options->files, "The .mm files to check")->required();
  cmd->add_flag("--syntax-only", options->syntaxOnly, "Stop after parsing");
  addDiagnosticOptions(*cmd, options->diagnostics);
  return {cmd, [options] { return runCheck(*options); }};
}

}  // namespace magicc::driver
