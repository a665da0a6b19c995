// magicc: the compiler and runtime driver for the magic language. Each
// subcommand lives in its own file with its own options (Commands.h).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "Commands.h"
#include "jit/Jit.h"
#include "support/Suggest.h"

namespace {

// The exit codes, for every subcommand's --help.
constexpr const char* kExitCodes =
    "Exit status: 0 success; 1 errors in the program or plan, or a run that failed; 2 usage or "
    "I/O errors (a bad option, an unreadable file or inventory, --hosts that selects nothing, a "
    "locked state); 130 interrupted.";

bool wantsJson(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::string_view(argv[i]) == "--json") return true;
  return false;
}

// A command-line error, as text or (with --json) as a diagnostics document.
int usageError(const std::string& message, bool json) {
  if (json) {
    nlohmann::json doc;
    doc["diagnostics"] = nlohmann::json::array({{{"severity", "error"},
                                                 {"kind", "CommandLine"},
                                                 {"message", message},
                                                 {"notes", nlohmann::json::array()},
                                                 {"fixits", nlohmann::json::array()}}});
    doc["errors"] = 1;
    doc["warnings"] = 0;
    std::string text = doc.dump(2) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else {
    std::fprintf(stderr, "magicc: error: %s\n", message.c_str());
  }
  return magicc::driver::kExitUsage;
}

}  // namespace

static int realMain(int argc, char** argv) {
  namespace driver = magicc::driver;
  CLI::App app{"magicc: compile, plan and run magic programs"};
  app.name("magicc");
  // The JIT module's path too: which one an installed magicc loads is the
  // first question when conditions do not compile.
  std::string jitModule = magicc::jit::modulePath();
  app.set_version_flag("--version",
                       std::string("magicc ") + MAGICC_VERSION + "\njit module: " +
                           (jitModule.empty() ? "none (built without LLVM)" : jitModule));
  app.require_subcommand(0, 1);
  app.footer(kExitCodes);
  // Subcommands copy this when they are added: every parse error says who speaks.
  app.failure_message([](const CLI::App* failed, const CLI::Error& e) {
    std::string name = failed->get_parent() ? " " + failed->get_name() : "";
    return std::string(e.what()) + "\nRun 'magicc help" + name + "' for the options.\n";
  });
  // clang spells it -Werror; accept that too.
  for (int i = 1; i < argc; ++i)
    if (std::string_view(argv[i]) == "-Werror") argv[i] = const_cast<char*>("--Werror");

  std::vector<driver::Subcommand> commands = {
      driver::addCheckCommand(app),     driver::addPlanCommand(app),
      driver::addGraphCommand(app),     driver::addRunCommand(app),
      driver::addImportCommand(app),    driver::addAgentCommand(app),
      driver::addLspCommand(app),       driver::addFmtCommand(app),
      driver::addServeCommand(app),     driver::addWorkCommand(app),
      driver::addRunsCommand(app),      driver::addShowCommand(app),
      driver::addInventoryCommand(app), driver::addCompletionCommand(app)};
  for (const auto& command : commands) command.app->footer(kExitCodes);
  auto* helpCmd = app.add_subcommand("help", "Show this help, or a command's: magicc help run");
  std::string helpTopic;
  helpCmd->add_option("command", helpTopic, "The command to explain");

  std::vector<std::string_view> names;
  for (const auto* sub : app.get_subcommands({})) names.push_back(sub->get_name());
  bool json = wantsJson(argc, argv);
  // A mistyped command: CLI11 would only say the word was not expected.
  if (argc > 1 && argv[1][0] != '-' &&
      std::find(names.begin(), names.end(), std::string_view(argv[1])) == names.end())
    return usageError("unknown command '" + std::string(argv[1]) + "'" +
                          magicc::support::didYouMean(argv[1], names) + " (magicc help lists them)",
                      json);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    if (json) return usageError(e.what(), true);
    std::fputs("magicc: error: ", stderr);
    CLI::App* failed = &app;  // the subcommand being read, to name it in the hint
    for (auto* sub : app.get_subcommands({}))
      if (sub->parsed()) failed = sub;
    failed->exit(e);
    return driver::kExitUsage;
  }
  for (const auto& command : commands)
    if (command.app->parsed()) return command.run();
  // help() would follow the selected subcommand; format the top-level help.
  std::string help = app.get_formatter()->make_help(&app, "magicc", CLI::AppFormatMode::Normal);
  if (helpCmd->parsed()) {
    if (!helpTopic.empty()) {
      CLI::App* topic = nullptr;
      for (auto* sub : app.get_subcommands({}))
        if (sub->get_name() == helpTopic) topic = sub;
      if (!topic)
        return usageError(
            "no command '" + helpTopic + "'" + magicc::support::didYouMean(helpTopic, names), json);
      help = topic->help("magicc");
    }
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
