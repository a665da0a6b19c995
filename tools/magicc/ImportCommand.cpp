// magicc import items.json: make-magic item JSON to a magic program on stdout.
#include <cstdio>
#include <fstream>

#include "Commands.h"
#include "compat/MakeMagic.h"

namespace magicc::driver {

int runImport(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "magicc: error: cannot read '%s'\n", file.c_str());
    return kExitUsage;
  }
  nlohmann::json items;
  try {
    items = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    std::fprintf(stderr, "%s: error: invalid JSON at byte %zu\n", file.c_str(), e.byte);
    return kExitProgramErrors;
  }
  auto result = compat::importMakeMagicItems(items, file);
  if (!result.error.empty()) {
    std::fprintf(stderr, "%s: error: %s\n", file.c_str(), result.error.c_str());
    return kExitProgramErrors;
  }
  std::fwrite(result.program.data(), 1, result.program.size(), stdout);
  return kExitOk;
}

}  // namespace magicc::driver
