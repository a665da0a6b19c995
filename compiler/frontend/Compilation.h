// What every subcommand that reads a program does first: load the standard
// library and the program with its imports, then check it.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "diag/DiagnosticEngine.h"
#include "sema/Sema.h"
#include "source/SourceManager.h"
#include "syntax/Loader.h"

namespace magicc::frontend {

class Compilation {
 public:
  Compilation();
  ~Compilation();

  source::SourceManager& sources() { return *sources_; }
  diag::DiagnosticEngine& diags() { return diags_; }

  // Parses the program; nullopt when its root file cannot be read.
  std::optional<syntax::LoadedProgram> load(const std::string& path);
  sema::SemanticModel analyze(const syntax::LoadedProgram& program);
  // sha256 over the program's files, in load order: a saved plan records it.
  std::string sourceHash(const syntax::LoadedProgram& program) const;

 private:
  // Owned but never freed: the process ends right after (see CheckCommand).
  source::SourceManager* sources_;
  syntax::ModuleSet* modules_;
  syntax::Module* stdlib_;
  diag::DiagnosticEngine diags_;
};

}  // namespace magicc::frontend
