// Everything `plan` and `run` compute before they diverge: the checked
// program, params, hosts, the graph, the targets and which nodes each keeps.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "frontend/Compilation.h"
#include "inventory/Inventory.h"
#include "ir/Graph.h"
#include "plan/Decide.h"
#include "plan/Plan.h"

namespace magicc::plan {

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

// How preparing ended. The diagnostics say why in each case but Ok.
enum class PrepareStatus {
  Ok,
  BadRequest,  // the request itself: an unreadable file, an unknown pipeline, bad --hosts, --jit on
  ProgramErrors,  // the program, its params or its inventories
};

struct PreparedPlan {
  PrepareStatus status = PrepareStatus::Ok;
  // Owns the sources, the AST and the diagnostics everything below points into.
  std::unique_ptr<frontend::Compilation> compilation;
  std::optional<syntax::LoadedProgram> program;
  sema::SemanticModel model;
  std::map<std::string, sema::ParamInfo> pipelineParams;
  const syntax::PipelineDecl* pipeline = nullptr;
  ParamSet paramSet;
  inventory::Inventory inventory;
  std::unique_ptr<ir::Graph> graph;  // stable address: `keep` points into it
  std::vector<std::string> require;
  std::vector<Target> targets;
  // The hosts --hosts and --limit leave a pipeline's stages (each stage's
  // on: is intersected with them); none when neither is given.
  std::optional<std::set<std::string>> chosenHosts;
  // The stages --stage or --start-at-stage leave to run; none: all of them.
  std::optional<std::set<std::string>> selectedStages;
  KeepMatrix keep;
  DecideStats decided;
  Phases phases;

  bool ok() const { return status == PrepareStatus::Ok; }
  diag::DiagnosticEngine& diags() const { return compilation->diags(); }
  source::SourceManager& sources() const { return compilation->sources(); }
};

}  // namespace magicc::plan
