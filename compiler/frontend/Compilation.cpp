#include "frontend/Compilation.h"

#include <sodium.h>

#include <fmt/format.h>

#include "Stdlib.h"
#include "syntax/Parser.h"

namespace magicc::frontend {

Compilation::Compilation() : sources_(new source::SourceManager), modules_(new syntax::ModuleSet) {
  auto file =
      sources_->addBuffer(std::string(stdlib::kCoreName), std::string(stdlib::coreSource()));
  stdlib_ = syntax::parseFile(*sources_, file, diags_).release();
}

// The AST and buffers are left to the operating system: freeing them node by
// node would cost a tenth of a large check (clang does the same).
Compilation::~Compilation() = default;

std::optional<syntax::LoadedProgram> Compilation::load(const std::string& path) {
  auto program = syntax::loadProgram(*sources_, *modules_, path, diags_);
  if (program.root == source::kInvalidFile) return std::nullopt;
  return program;
}

sema::SemanticModel Compilation::analyze(const syntax::LoadedProgram& program) {
  return sema::analyze(program, *stdlib_, *sources_, diags_);
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
