// Parses one source file into a Module. Declarations are parsed one at a time
// (ANTLR's fast SLL mode first, full LL with error recovery only for a
// declaration that fails), and each parse tree is dropped once its AST is
// built, so memory stays proportional to the AST, not to ANTLR's trees.
#pragma once

#include <memory>

#include "diag/DiagnosticEngine.h"
#include "source/SourceManager.h"
#include "syntax/Ast.h"

namespace magicc::syntax {

std::unique_ptr<Module> parseFile(const source::SourceManager& sources, source::FileId file,
                                  diag::DiagnosticEngine& diags);

// Parses a whole buffer as one condition (`--hosts 'web & os.debian'`);
// nullptr after reporting errors.
ExprPtr parseCondition(const source::SourceManager& sources, source::FileId file,
                       diag::DiagnosticEngine& diags);

}  // namespace magicc::syntax
