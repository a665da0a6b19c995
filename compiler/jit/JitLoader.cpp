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

struct Module {
  CompileFn compile = nullptr;
  std::string error;  // why it could not be loaded
};

// Beside the executable (the build tree); else where `cmake --install` puts
// it, relative to the executable, so an installed tree can move; else where
// this build put it (tests run from elsewhere in the build tree).
std::filesystem::path findModule() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  auto dir = ec ? std::filesystem::path(".") : exe.parent_path();
  for (auto path : {dir / "libmagicc-jit.so", dir / MAGICC_JIT_INSTALL_DIR / "libmagicc-jit.so"})
    if (std::filesystem::exists(path, ec)) return path.lexically_normal();
  return MAGICC_JIT_MODULE_PATH;
}

Module load() {
  Module m;
  auto path = findModule();
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    m.error = std::string("cannot load the JIT: ") + dlerror();
  } else {
    m.compile = reinterpret_cast<CompileFn>(dlsym(handle, "magicc_jit_compile"));
    if (!m.compile) m.error = "the JIT module has no magicc_jit_compile";
  }
  return m;
}

// Loaded once per process, whichever thread asks first (a server compiles
// on many): a function-local static is initialised exactly once, the
// others wait. The module never changes afterwards.
CompileFn loadModule(std::string& error) {
  static const Module module = load();
  error = module.error;
  return module.compile;
}

}  // namespace

std::string modulePath() {
  return findModule().string();
}

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
