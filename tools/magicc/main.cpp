// magicc: the compiler and runtime driver for the magic language. Each
// subcommand lives in its own file with its own options (Commands.h).
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include "Commands.h"

static int realMain(int argc, char** argv) {
  namespace driver = magicc::driver;
  CLI::App app{"magicc: compile, plan and run magic programs"};
  app.name("magicc");
  app.set_version_flag("--version", std::string("magicc ") + MAGICC_VERSION);
  app.require_subcommand(0, 1);
  // clang spells it -Werror; accept that too.
  for (int i = 1; i < argc; ++i)
    if (std::string_view(argv[i]) == "-Werror") argv[i] = const_cast<char*>("--Werror");

  std::vector<driver::Subcommand> commands = {
      driver::addCheckCommand(app), driver::addPlanCommand(app),   driver::addGraphCommand(app),
      driver::addRunCommand(app),   driver::addImportCommand(app), driver::addAgentCommand(app),
      driver::addLspCommand(app),   driver::addFmtCommand(app),    driver::addServeCommand(app),
      driver::addWorkCommand(app)};
  auto* helpCmd = app.add_subcommand("help", "Show this help");

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return driver::kExitUsage;
  }
  for (const auto& command : commands)
    if (command.app->parsed()) return command.run();
  // help() would follow the selected subcommand; format the top-level help.
  std::string help = app.get_formatter()->make_help(&app, "magicc", CLI::AppFormatMode::Normal);
  if (helpCmd->parsed()) {
    std::fputs(help.c_str(), stdout);
    return driver::kExitOk;
  }
  std::fputs(help.c_str(), stderr);  // no subcommand: a usage error
  return driver::kExitUsage;
}

// Bad input never crashes magicc: anything that escaped is reported, exit 2.
int main(int argc, char** argv) {
  // A file size limit makes writes fail (EFBIG), reported like any write
  // error, instead of killing magicc half-way through a file.
  std::signal(SIGXFSZ, SIG_IGN);
  try {
    return realMain(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "magicc: error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "magicc: error: an unexpected failure\n");
  }
  return 2;
}
