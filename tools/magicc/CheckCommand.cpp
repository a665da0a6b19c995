#include "Commands.h"
#include "Stdlib.h"
#include "sema/Sema.h"
#include "syntax/Loader.h"
#include "syntax/Parser.h"

namespace magicc::driver {

int runCheck(const CheckOptions& options) {
  // The process ends right after; freeing every AST node and buffer one by
  // one would cost a tenth of the run on large programs (clang does the same).
  auto& sources = *new source::SourceManager;
  auto& modules = *new syntax::ModuleSet;
  diag::DiagnosticEngine diags;
  diags.setErrorLimit(options.diagnostics.errorLimit);
  bool unreadable = false;
  // The standard library is parsed once and seen by every program.
  auto stdlibFile = sources.addBuffer(std::string(stdlib::kCoreName),
                                      std::string(stdlib::coreSource()));
  auto stdlib = syntax::parseFile(sources, stdlibFile, diags);
  for (const auto& file : options.files) {
    auto program = syntax::loadProgram(sources, modules, file, diags);
    if (program.root == source::kInvalidFile) {
      unreadable = true;
      continue;
    }
    if (!options.syntaxOnly) (void)sema::analyze(program, *stdlib, sources, diags);
  }
  (void)stdlib.release();  // freed with the process, like the modules
  emitDiagnostics(diags, sources, options.diagnostics);
  if (unreadable) return kExitUsage;
  return diags.hasErrors() ? kExitProgramErrors : kExitOk;
}

}  // namespace magicc::driver
