#include "frontend/Compilation.h"

#include <sodium.h>

#include <fmt/format.h>

#include <utility>

#include "frontend/Leak.h"

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
  return sema::analyze(program, stdlib_->module(), *sources_, diags_);
}

std::string Compilation::sourceHash(const syntax::LoadedProgram& program) const {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  for (const syntax::Module* m : program.modules) {
    std::string_view text = sources_->text(m->file);
    std::string length = fmt::format("{}:", text.size());  // frames each file
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(length.data()),
                              length.size());
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(text.data()),
                              text.size());
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  std::string hex = "sha256:";
  for (unsigned char b : digest) hex += fmt::format("{:02x}", b);
  return hex;
}

}  // namespace magicc::frontend
