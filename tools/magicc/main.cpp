// magicc: the compiler and runtime driver for the magic language.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <map>

#include "Commands.h"

namespace {

using magicc::driver::ColorMode;
using magicc::driver::DiagnosticOptions;
using magicc::driver::DiagnosticsFormat;

void addDiagnosticOptions(CLI::App& cmd, DiagnosticOptions& options) {
  const std::map<std::string, ColorMode> colors{
      {"auto", ColorMode::Auto}, {"always", ColorMode::Always}, {"never", ColorMode::Never}};
  const std::map<std::string, DiagnosticsFormat> formats{{"text", DiagnosticsFormat::Text},
                                                         {"json", DiagnosticsFormat::Json}};
  cmd.add_option("--color", options.color, "Colour diagnostics: auto, always or never")
      ->transform(CLI::CheckedTransformer(colors, CLI::ignore_case));
  cmd.add_option("--diagnostics-format", options.format, "Diagnostics as text or json")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
  cmd.add_flag("--Werror,-W", options.warningsAsErrors, "Treat warnings as errors");
}

}  // namespace

int main(int argc, char** argv) {
  namespace driver = magicc::driver;
  CLI::App app{"magicc: compile, plan and run magic programs"};
  app.name("magicc");
  app.set_version_flag("--version", std::string("magicc ") + MAGICC_VERSION);
  app.require_subcommand(0, 1);

  driver::CheckOptions check;
  auto* checkCmd = app.add_subcommand("check", "Parse and check magic files; print diagnostics");
  checkCmd->add_option("files", check.files, "The .mm files to check")->required();
  checkCmd->add_flag("--syntax-only", check.syntaxOnly, "Stop after parsing");
  addDiagnosticOptions(*checkCmd, check.diagnostics);
  // clang spells it -Werror; accept that too.
  for (int i = 1; i < argc; ++i)
    if (std::string_view(argv[i]) == "-Werror") argv[i] = const_cast<char*>("--Werror");

  auto* helpCmd = app.add_subcommand("help", "Show this help");

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return driver::kExitUsage;
  }

  if (checkCmd->parsed()) return driver::runCheck(check);
  // help() would follow the selected subcommand; format the top-level help.
  std::string help = app.get_formatter()->make_help(&app, "magicc", CLI::AppFormatMode::Normal);
  if (helpCmd->parsed()) {
    std::fputs(help.c_str(), stdout);
    return driver::kExitOk;
  }
  std::fputs(help.c_str(), stderr);  // no subcommand: a usage error
  return driver::kExitUsage;
}
