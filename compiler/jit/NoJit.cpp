// Built when LLVM 14 is not found or MAGICC_ENABLE_JIT is OFF.
#include "jit/Jit.h"

namespace magicc::jit {

bool available() {
  return false;
}

std::string modulePath() {
  return "";
}

std::unique_ptr<cond::Engine> compile(const cond::Program&, std::string& error) {
  error = "this magicc was built without the JIT (MAGICC_ENABLE_JIT=OFF or no LLVM 14)";
  return nullptr;
}

}  // namespace magicc::jit
