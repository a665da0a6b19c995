#include "Commands.h"
#include "frontend/Compilation.h"

namespace magicc::driver {

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

}  // namespace magicc::driver
