// Loads a program: the root file and, transitively, every file it imports,
// each parsed once. Import paths are relative to the importing file.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "diag/DiagnosticEngine.h"
#include "source/SourceManager.h"
#include "syntax/Ast.h"

namespace magicc::syntax {

struct LoadedProgram {
  source::FileId root = source::kInvalidFile;
  std::vector<std::unique_ptr<Module>> modules;  // the root first, then imports in load order
};

// Reports a root that cannot be read as FileNotReadable (no location); the
// result's root is then invalid.
LoadedProgram loadProgram(source::SourceManager& sources, const std::string& path,
                          diag::DiagnosticEngine& diags);

// The same for a buffer already in the source manager (language server, stdin).
LoadedProgram loadProgram(source::SourceManager& sources, source::FileId root,
                          diag::DiagnosticEngine& diags);

}  // namespace magicc::syntax
