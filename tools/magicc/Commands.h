// The driver's subcommands. Each declares its own options on its own
// CLI::App and returns the process exit code when run:
// 0 clean, 1 errors in the program, 2 usage or I/O errors.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "DiagnosticOutput.h"
#include "inventory/Inventory.h"

namespace magicc::driver {

inline constexpr int kExitOk = 0;
inline constexpr int kExitProgramErrors = 1;
inline constexpr int kExitUsage = 2;

// A subcommand added to the top-level parser; `run` is called once the
// command line chose it.
struct Subcommand {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

Subcommand addCheckCommand(CLI::App& magicc);
Subcommand addPlanCommand(CLI::App& magicc);
Subcommand addGraphCommand(CLI::App& magicc);
Subcommand addRunCommand(CLI::App& magicc);
Subcommand addImportCommand(CLI::App& magicc);
Subcommand addAgentCommand(CLI::App& magicc);
Subcommand addLspCommand(CLI::App& magicc);
Subcommand addFmtCommand(CLI::App& magicc);
Subcommand addServeCommand(CLI::App& magicc);
Subcommand addWorkCommand(CLI::App& magicc);
Subcommand addRunsCommand(CLI::App& magicc);
Subcommand addShowCommand(CLI::App& magicc);
Subcommand addInventoryCommand(CLI::App& magicc);
Subcommand addCompletionCommand(CLI::App& magicc);

// What plan, graph and run read a program with.
struct PlanOptions {
  std::string file;                      // a .mm program, or a saved plan .json
  std::string pipeline;                  // empty: items and resources only
  std::vector<std::string> require;      // -r a,b (repeatable)
  std::vector<std::string> defines;      // -D name=value
  std::vector<std::string> inventories;  // -i FILE (repeatable)
  std::string hosts;                     // --hosts COND
  std::string limit;                     // --limit PATTERN (Ansible's host patterns)
  std::vector<std::string> stages;       // --stage NAME (repeatable)
  std::string startAtStage;              // --start-at-stage NAME
  bool listHosts = false;                // --list-hosts: the hosts, nothing else
  std::string format = "text";           // text, json or dot
  std::string output;                    // -o FILE: save the JSON plan
  bool stats = false;                    // counts and phase times instead of the plan
  std::string jit = "auto";              // on, off or auto
  std::map<std::string, inventory::Discovered> discovered;  // run --discover: what agents said
  DiagnosticOptions diagnostics;
};

// The options plan, graph and run share: -r, -D, -i, --hosts, --limit and --jit.
void addPlanInputs(CLI::App& cmd, PlanOptions& options);
// Plans (or renders a saved plan) and prints it; plan and graph run this.
int runPlan(const PlanOptions& options);

}  // namespace magicc::driver
