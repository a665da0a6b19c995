#include "Commands.h"
#include "syntax/Loader.h"

namespace magicc::driver {

int runCheck(const CheckOptions& options) {
  source::SourceManager sources;
  diag::DiagnosticEngine diags;
  syntax::ModuleSet modules;
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
