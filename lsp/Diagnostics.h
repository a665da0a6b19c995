// The compiler's diagnostics as LSP diagnostics for one document: its own,
// notes as relatedInformation, fix-its in `data` (code actions offer them),
// and errors in the files it imports reported at the import that leads there.
#pragma once

#include "lsp/Positions.h"
#include "lsp/Protocol.h"
#include "lsp/Workspace.h"

namespace magicc::lsp {

json diagnosticsOf(const Analysis& analysis, Encoding encoding);

// The LSP range of a compiler range (in any file of the compilation).
Range rangeOf(const frontend::Compilation& compilation, source::SourceRange range,
              Encoding encoding);
Location locationOf(const frontend::Compilation& compilation, source::SourceRange range,
                    Encoding encoding);

}  // namespace magicc::lsp
