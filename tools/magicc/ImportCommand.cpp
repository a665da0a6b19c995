// magicc import items.json: make-magic item JSON to a magic program on stdout.
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "Commands.h"
#include "compat/MakeMagic.h"
#include "support/Json.h"

namespace magicc::driver {

namespace {

int runImport(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "magicc: error: cannot read '%s'\n", file.c_str());
    return kExitUsage;
  }
  std::ostringstream text;
  text << in.rdbuf();
  // Nesting bounded: the translation walks meta values recursively.
  auto items = support::parseJson(text.str());
  if (!items.value) {
    std::fprintf(stderr, "%s: error: %s\n", file.c_str(), items.error.c_str());
    return kExitProgramErrors;
  }
  auto result = compat::importMakeMagicItems(*items.value, file);
  for (const auto& error : result.errors)
    std::fprintf(stderr, "%s: error: %s\n", file.c_str(), error.c_str());
  if (!result.errors.empty()) return kExitProgramErrors;
  std::fwrite(result.program.data(), 1, result.program.size(), stdout);
  return kExitOk;
}

}  // namespace

Subcommand addImportCommand(CLI::App& magicc) {
  auto file = std::make_shared<std::string>();
  auto* cmd = magicc.add_subcommand("import", "Translate make-magic item JSON to magic");
  cmd->add_option("file", *file, "make-magic items (JSON)")->required();
  return {cmd, [file] { return runImport(*file); }};
}

}  // namespace magicc::driver
