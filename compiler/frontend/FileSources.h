// Reads what `file` resources take from beside their program: `source:` (the
// bytes as they are) and `template:` (text with ${...}, decoded here and
// checked by sema like a string). Files are read through the compilation's
// SourceManager, so an editor's unsaved buffers count and a saved plan pins
// them as it pins the program's own files.
#pragma once

#include "diag/DiagnosticEngine.h"
#include "sema/Sema.h"
#include "source/SourceManager.h"
#include "syntax/Loader.h"

namespace magicc::frontend {

// Paths are relative to the file that declares the resource. Reports a
// value that is not a plain path, a file that cannot be read, and content
// given more than one way (content:, source:, template:).
sema::FileContentSources readFileContents(const syntax::LoadedProgram& program,
                                          source::SourceManager& sources,
                                          diag::DiagnosticEngine& diags);

}  // namespace magicc::frontend
