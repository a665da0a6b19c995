// magicc import items.json: make-magic item JSON to a magic program on stdout.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "Commands.h"
#include "compat/MakeMagic.h"
#include "support/Json.h"

namespace magicc::driver {

namespace {

// Where each element of the top-level array starts (byte offsets), found
// by one pass that skips strings; the parser has accepted the text already.
std::vector<std::size_t> topLevelElements(const std::string& text) {
  std::vector<std::size_t> starts;
  int depth = 0;
  bool inString = false, expectElement = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (depth == 1 && expectElement) {
      starts.push_back(i);
      expectElement = false;
    }
    if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth == 1) expectElement = true;
    } else if (c == ']' || c == '}') {
      --depth;
    } else if (c == ',' && depth == 1) {
      expectElement = true;
    }
  }
  return starts;
}

// ":LINE:COLUMN" of a byte offset, 1-based, as the compiler prints them.
std::string lineColumn(const std::string& text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return ":" + std::to_string(line) + ":" + std::to_string(column);
}

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
    // "... at byte N" (1-based): point at it as the compiler points.
    std::string where = file;
    if (auto at = items.error.rfind("at byte "); at != std::string::npos) {
      std::size_t byte = std::strtoull(items.error.c_str() + at + 8, nullptr, 10);
      if (byte > 0) where += lineColumn(text.str(), byte - 1);
    }
    std::fprintf(stderr, "%s: error: %s\n", where.c_str(), items.error.c_str());
    return kExitProgramErrors;
  }
  auto result = compat::importMakeMagicItems(*items.value, file);
  std::vector<std::size_t> starts = topLevelElements(text.str());
  // Each message at the item it is about, when there is one.
  auto print = [&](const char* severity, const std::vector<std::string>& messages,
                   const std::vector<std::size_t>& about) {
    for (std::size_t i = 0; i < messages.size(); ++i) {
      std::size_t item = i < about.size() ? about[i] : compat::ImportResult::kWholeDocument;
      std::string where = file;
      if (item < starts.size()) where += lineColumn(text.str(), starts[item]);
      std::fprintf(stderr, "%s: %s: %s\n", where.c_str(), severity, messages[i].c_str());
    }
  };
  print("warning", result.warnings, result.warningItems);
  print("error", result.errors, result.errorItems);
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
