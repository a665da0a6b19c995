// Loads programs: a root file and, transitively, every file it imports. Each
// file is parsed once per ModuleSet, however many programs import it, so its
// diagnostics are reported once. Import paths are relative to the importing file.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "diag/DiagnosticEngine.h"
#include "source/SourceManager.h"
#include "syntax/Ast.h"

namespace magicc::syntax {

// Owns the parsed modules of a compilation session, by file.
class ModuleSet {
 public:
  const Module* find(source::FileId file) const;
  const Module& add(std::unique_ptr<Module> module);

 private:
  std::map<source::FileId, std::unique_ptr<Module>> modules_;
};

struct LoadedProgram {
  source::FileId root = source::kInvalidFile;
  std::vector<const Module*> modules;  // the root first, then imports breadth first
};

// A root that cannot be read is reported as FileNotReadable (no location) and
// yields an invalid root.
LoadedProgram loadProgram(source::SourceManager& sources, ModuleSet& modules,
                          const std::string& path, diag::DiagnosticEngine& diags);

// The same for a buffer already in the source manager (language server, tests).
LoadedProgram loadProgram(source::SourceManager& sources, ModuleSet& modules, source::FileId root,
                          diag::DiagnosticEngine& diags);

}  // namespace magicc::syntax
