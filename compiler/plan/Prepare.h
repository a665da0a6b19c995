// From a request (what to plan: a program, a pipeline, params, hosts) to a
// prepared plan: loaded, checked, params resolved, inventories read, the graph
// built, the targets selected and every condition decided. Every front end
// (the command line, the task server, a resumed run) asks the same way; what
// goes wrong is in the compilation's diagnostics, and nothing is printed.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "inventory/Inventory.h"
#include "plan/Decide.h"
#include "plan/Params.h"
#include "plan/PreparedPlan.h"
#include "plan/StageSelection.h"

namespace magicc::plan {

struct PlanRequest {
  std::string file;                      // the program (.mm)
  std::string pipeline;                  // empty: items and resources only
  std::vector<std::string> require;      // requirement names; "a,b" is split
  std::vector<std::string> defines;      // name=value (values may be @env:, @file:, @-)
  std::vector<std::string> inventories;  // YAML inventory files
  std::string hosts;                     // a host condition; empty: local (or the pipeline's)
  // An Ansible host pattern (--limit): the targets, and every stage's hosts,
  // are only those it matches; without --hosts it selects the items' targets.
  std::string limit;
  // --stage / --start-at-stage: only some stages of the pipeline run.
  StageChoice stages;
  // Tags and vars the hosts' agents report (magicc run --discover), over
  // the inventories'.
  std::map<std::string, inventory::Discovered> discovered;
  JitMode jit = JitMode::Auto;
  std::size_t errorLimit = 0;  // stop reporting errors after this many (0: no limit)
  Prompt prompt;               // asks for a missing param; empty: never asks
  // What the program and its imports are read from (editor buffers, tests)
  // and the stdlib; the disk and the process-wide stdlib when null.
  frontend::CompilationOptions compilation;
  // A command line ends right after: leave the AST to the operating system
  // (frontend::Compilation::leakOnExit). A server never sets this.
  bool leakOnExit = false;
};

PreparedPlan prepare(const PlanRequest& request);

// "on", "off", "auto" (anything else: auto) and back.
JitMode jitModeFrom(const std::string& text);
const char* jitModeName(JitMode mode);

}  // namespace magicc::plan
