// magicc fmt FILE... [--check] [-i]: the canonical layout (compiler/format).
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "Commands.h"
#include "format/Format.h"

namespace magicc::driver {

namespace {

struct FmtOptions {
  std::vector<std::string> files;
  bool check = false;    // report files that are not formatted; change nothing
  bool inPlace = false;  // rewrite the files
};

int runFmt(const FmtOptions& options) {
  int status = kExitOk;
  for (const std::string& file : options.files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "magicc: error: cannot read '%s'\n", file.c_str());
      status = kExitUsage;
      continue;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    format::FormatResult result = format::formatSource(text);
    if (!result.ok()) {
      std::fprintf(stderr, "%s: error: not formatted: %s\n", file.c_str(), result.error.c_str());
      status = std::max(status, kExitProgramErrors);
      continue;
    }
    if (options.check) {
      if (result.text != text) {
        std::fprintf(stderr, "%s: not formatted (run magicc fmt -i)\n", file.c_str());
        status = std::max(status, kExitProgramErrors);
      }
    } else if (options.inPlace) {
      if (result.text == text) continue;
      std::ofstream out(file, std::ios::binary | std::ios::trunc);
      out << result.text;
      if (!out.flush()) {
        std::fprintf(stderr, "magicc: error: cannot write '%s'\n", file.c_str());
        status = kExitUsage;
      }
    } else {
      std::fwrite(result.text.data(), 1, result.text.size(), stdout);
    }
  }
  return status;
}

}  // namespace

Subcommand addFmtCommand(CLI::App& magicc) {
  auto options = std::make_shared<FmtOptions>();
  auto* cmd = magicc.add_subcommand("fmt", "Format magic files (to stdout, or with -i in place)");
  cmd->add_option("files", options->files, "The .mm files to format")->required();
  auto* check = cmd->add_flag("--check", options->check,
                              "Exit 1 when a file is not formatted; change nothing");
  cmd->add_flag("-i,--in-place", options->inPlace, "Rewrite the files")->excludes(check);
  return {cmd, [options] { return runFmt(*options); }};
}

}  // namespace magicc::driver
