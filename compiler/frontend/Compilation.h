// What every subcommand that reads a program does first: load the program
// with its imports, then check it against the standard library.
//
// A Compilation owns and frees everything it allocates; a language server
// may hold many, on several threads. They share the parsed standard library
// (read-only) and, when given one, a FileSystem.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "diag/DiagnosticEngine.h"
#include "frontend/StandardLibrary.h"
#include "sema/Sema.h"
#include "source/FileSystem.h"
#include "source/SourceManager.h"
#include "syntax/Loader.h"

namespace magicc::frontend {

struct CompilationOptions {
  // Where files and imports are read from; the disk when null.
  std::shared_ptr<const source::FileSystem> files;
  // The parsed standard library; the process-wide one when null.
  std::shared_ptr<const StandardLibrary> stdlib;
};

class Compilation {
 public:
  Compilation();
  explicit Compilation(CompilationOptions options);
  ~Compilation();
  Compilation(const Compilation&) = delete;
  Compilation& operator=(const Compilation&) = delete;

  source::SourceManager& sources() { return *sources_; }
  const source::SourceManager& sources() const { return *sources_; }
  diag::DiagnosticEngine& diags() { return diags_; }
  const diag::DiagnosticEngine& diags() const { return diags_; }
  const StandardLibrary& stdlib() const { return *stdlib_; }

  // Parses the program; nullopt when its root file cannot be read.
  std::optional<syntax::LoadedProgram> load(const std::string& path);
  // The same for a buffer already added to sources() (tests, editor text).
  syntax::LoadedProgram load(source::FileId root);
  sema::SemanticModel analyze(const syntax::LoadedProgram& program);
  // sha256 over the program's files, in load order: a saved plan records it.
  std::string sourceHash(const syntax::LoadedProgram& program) const;
  // Every file read from disk (program, imports, inventories, files'
  // source: and template:), in load
  // order, as (canonical path, "sha256:HEX" of its content).
  std::vector<std::pair<std::string, std::string>> inputFiles() const;

  // The command line's choice (clang's -disable-free): the process ends
  // right after, so the destructor leaves the buffers and the AST to the
  // operating system instead of freeing them node by node (a few percent of
  // a large check: 2-3% on 100k items with tcmalloc). LeakSanitizer is told
  // the memory is leaked on purpose.
  // A long-running process never sets this.
  void leakOnExit() { leakOnExit_ = true; }

 private:
  std::shared_ptr<const StandardLibrary> stdlib_;
  std::unique_ptr<source::SourceManager> sources_;
  std::unique_ptr<syntax::ModuleSet> modules_;
  diag::DiagnosticEngine diags_;
  bool leakOnExit_ = false;
};

}  // namespace magicc::frontend
