// Everything `plan` and `run` compute before they diverge: the checked
// program, params, hosts, the graph, the targets and which nodes each keeps.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "frontend/Compilation.h"
#include "inventory/Inventory.h"
#include "ir/Graph.h"
#include "plan/Decide.h"
#include "plan/Plan.h"

namespace magicc::driver {

// Wall-clock phases for --stats.
class Phases {
 public:
  void end(const char* name) {
    auto now = std::chrono::steady_clock::now();
    times_.emplace_back(name, std::chrono::duration<double, std::milli>(now - last_).count());
    last_ = now;
  }
  const std::vector<std::pair<std::string, double>>& times() const { return times_; }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
  std::vector<std::pair<std::string, double>> times_;
};

struct PreparedPlan {
  std::unique_ptr<frontend::Compilation> compilation;
  std::optional<syntax::LoadedProgram> program;
  sema::SemanticModel model;
  std::map<std::string, sema::ParamInfo> pipelineParams;
  const syntax::PipelineDecl* pipeline = nullptr;
  plan::ParamSet paramSet;
  inventory::Inventory inventory;
  std::unique_ptr<ir::Graph> graph;  // stable address: `keep` points into it
  std::vector<std::string> require;
  std::vector<plan::Target> targets;
  plan::KeepMatrix keep;
  plan::DecideStats decided;
  Phases phases;
};

struct PlanOptions;
// Returns an exit code; kExitOk when `out` is ready (diagnostics already printed otherwise).
int preparePlan(const PlanOptions& options, PreparedPlan& out);
// Warns of each secret param whose value is written out in `defines` (the
// command line's -D), where other users can read it.
void warnSecretsOnCommandLine(const std::vector<std::string>& defines,
                              const std::vector<std::string>& secretParams);

}  // namespace magicc::driver
