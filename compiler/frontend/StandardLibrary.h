// The embedded standard library (stdlib/core.mm), parsed once and shared
// read-only by every compilation of the process, on any thread.
//
// Its AST's locations name file id kStdlibFile. Every Compilation maps that id
// in its own SourceManager to the same embedded text (no copy), so a
// diagnostic that points into the stdlib renders with its name, line and caret
// in any compilation.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "diag/Diagnostic.h"
#include "source/SourceLocation.h"
#include "syntax/Ast.h"

namespace magicc::frontend {

// The first buffer of every compilation's SourceManager.
inline constexpr source::FileId kStdlibFile = 0;

class StandardLibrary {
 public:
  // Parses the embedded stdlib/core.mm.
  static std::shared_ptr<const StandardLibrary> parse();
  // The process-wide copy, parsed on first use by whichever thread asks first.
  static std::shared_ptr<const StandardLibrary> shared();

  const syntax::Module& module() const { return *module_; }
  std::string_view name() const;
  std::string_view text() const;
  // What parsing it reported: empty unless this binary embeds a broken stdlib.
  const std::vector<diag::Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  StandardLibrary() = default;

  std::unique_ptr<const syntax::Module> module_;
  std::vector<diag::Diagnostic> diagnostics_;
};

}  // namespace magicc::frontend
