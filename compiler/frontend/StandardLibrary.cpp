#include "frontend/StandardLibrary.h"

#include "Stdlib.h"
#include "diag/DiagnosticEngine.h"
#include "source/SourceManager.h"
#include "syntax/Parser.h"

namespace magicc::frontend {

std::string_view StandardLibrary::name() const {
  return stdlib::kCoreName;
}

std::string_view StandardLibrary::text() const {
  return stdlib::coreSource();
}

std::shared_ptr<const StandardLibrary> StandardLibrary::parse() {
  // A SourceManager of its own, laid out as every compilation's: the stdlib first.
  source::SourceManager sources;
  source::FileId file =
      sources.addExternalBuffer(std::string(stdlib::kCoreName), stdlib::coreSource());
  diag::DiagnosticEngine diags;
  std::shared_ptr<StandardLibrary> lib(new StandardLibrary);
  lib->module_ = syntax::parseFile(sources, file, diags);
  lib->diagnostics_ = diags.diagnostics();
  return lib;
}

std::shared_ptr<const StandardLibrary> StandardLibrary::shared() {
  // Initialised exactly once, whichever thread asks first; the others wait.
  // Never changes afterwards.
  static const std::shared_ptr<const StandardLibrary> instance = parse();
  return instance;
}

}  // namespace magicc::frontend
