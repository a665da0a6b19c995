// The JIT lives in its own shared module (libmagicc-jit.so, beside the magicc
// executable), loaded only when conditions are compiled: linking libLLVM into
// magicc itself would cost every command about 45 MB of memory at start-up.
#include <dlfcn.h>
#include <unistd.h>

#include <filesystem>

#include "jit/Jit.h"

namespace magicc::jit {

namespace {

using CompileFn = cond::Engine* (*)(const cond::Program*, std::string*);

CompileFn loadModule(std::string& error) {
  static CompileFn compileFn = nullptr;
  static std::string loadError;
  static bool tried = false;
  if (!tried) {
    tried = true;
    // Beside the executable; else where this build put it (tests run from
    // elsewhere in the build tree).
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    auto path = (ec ? std::filesystem::path(".") : exe.parent_path()) / "libmagicc-jit.so";
    if (!std::filesystem::exists(path, ec)) path = MAGICC_JIT_MODULE_PATH;
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      loadError = std::string("cannot load the JIT: ") + dlerror();
    } else {
      compileFn = reinterpret_cast<CompileFn>(dlsym(handle, "magicc_jit_compile"));
      if (!compileFn) loadError = "the JIT module has no magicc_jit_compile";
    }
  }
  error = loadError;
  return compileFn;
}

}  // namespace

bool available() {
  std::string error;
  return loadModule(error) != nullptr;
}

std::unique_ptr<cond::Engine> compile(const cond::Program& program, std::string& error) {
  CompileFn fn = loadModule(error);
  if (!fn) return nullptr;
  return std::unique_ptr<cond::Engine>(fn(&program, &error));
}

}  // namespace magicc::jit
