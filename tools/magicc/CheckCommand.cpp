#include "Commands.h"
#include "syntax/Loader.h"

namespace magicc::driver {

int runCheck(const CheckOptions& options) {
  // The process ends right after; freeing every AST node and buffer one by
  // one would cost a tenth of the run on large programs (clang does the same).
  auto& sources = *new source::SourceManager;
  auto& modules = *new syntax::ModuleSet;
  diag::DiagnosticEngine diags;
  diags.setErrorLimit(options.diagnostics.errorLimit);
  bool unreadable = false;
  for (const auto& file : options.files) {
    auto program = syntax::loadProgram(sources, modules, file, diags);
    if (program.root == source::kInvalidFile) unreadable = true;
  }
  emitDiagnostics(diags, sources, options.diagnostics);
  if (unreadable) return kExitUsage;
  return diags.hasErrors() ? kExitProgramErrors : kExitOk;
}

}  // namespace magicc::driver
