#include "frontend/Compilation.h"

#include <fmt/format.h>

#include <utility>

#include "frontend/FileSources.h"
#include "frontend/Leak.h"
#include "support/Digest.h"

namespace magicc::frontend {

Compilation::Compilation() : Compilation(CompilationOptions{}) {}

Compilation::Compilation(CompilationOptions options)
    : stdlib_(options.stdlib ? std::move(options.stdlib) : StandardLibrary::shared()),
      sources_(options.files ? std::make_unique<source::SourceManager>(std::move(options.files))
                             : std::make_unique<source::SourceManager>()),
      modules_(std::make_unique<syntax::ModuleSet>()) {
  // The stdlib's AST names kStdlibFile, the first buffer: map it to the
  // embedded text, shared, not copied.
  sources_->addExternalBuffer(std::string(stdlib_->name()), stdlib_->text());
  for (const diag::Diagnostic& d : stdlib_->diagnostics()) diags_.append(d);
}

Compilation::~Compilation() {
  if (!leakOnExit_) return;
  // Handed to the operating system at exit, but still referenced, so that
  // LeakSanitizer does not count it (see Leak.h).
  leakUntilExit(std::move(sources_), std::move(modules_));
}

std::optional<syntax::LoadedProgram> Compilation::load(const std::string& path) {
  auto program = syntax::loadProgram(*sources_, *modules_, path, diags_);
  if (program.root == source::kInvalidFile) return std::nullopt;
  return program;
}

syntax::LoadedProgram Compilation::load(source::FileId root) {
  return syntax::loadProgram(*sources_, *modules_, root, diags_);
}

sema::SemanticModel Compilation::analyze(const syntax::LoadedProgram& program) {
  auto fileContents = readFileContents(program, *sources_, diags_);
  return sema::analyze(program, stdlib_->module(), *sources_, diags_, std::move(fileContents));
}

std::string Compilation::sourceHash(const syntax::LoadedProgram& program) const {
  support::Sha256 hash;
  for (const syntax::Module* m : program.modules) {
    std::string_view text = sources_->text(m->file);
    hash.update(fmt::format("{}:", text.size()));  // frames each file
    hash.update(text);
  }
  return hash.finish();
}

std::vector<std::pair<std::string, std::string>> Compilation::inputFiles() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (source::FileId id = 0; id < sources_->fileCount(); ++id)
    if (sources_->fromFileSystem(id))
      out.emplace_back(sources_->canonicalPath(id), support::sha256Tagged(sources_->text(id)));
  return out;
}

}  // namespace magicc::frontend
