// A pipeline, planned: each stage's hosts (from `on:`), its tasks (host x
// `foreach` element), its batches and its limits, as a typed value for
// lowering. It becomes JSON (the plan's "pipeline" entry, docs/plan-format.md)
// only where a plan is shown or saved.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "inventory/Inventory.h"
#include "ir/Graph.h"
#include "plan/Params.h"
#include "plan/Plan.h"
#include "plan/PreparedPlan.h"
#include "plan/Quantity.h"

namespace magicc::plan {

struct StageTask {
  std::string host;                 // a host name, or "local"
  std::optional<std::string> each;  // the foreach element
};

// How often and how long a task is tried (a stage's, or an item's).
struct RetryPolicy {
  int retries = 0;
  std::chrono::milliseconds retryDelay{0};
  std::chrono::milliseconds timeout{0};  // 0: none
};

struct StagePlan {
  const syntax::StageDecl* decl = nullptr;  // its commands, for lowering
  std::string name;
  std::optional<std::string> on;  // the condition as written; none: once, here ("local")
  std::vector<StageTask> tasks;
  std::vector<std::vector<std::string>> batches;  // hosts; a batch starts when the last ended
  std::optional<std::string> run;                 // as written, for the reader
  std::optional<std::string> call;

  std::int64_t batch = 0;    // hosts per batch; 0: one batch
  unsigned concurrency = 0;  // tasks at once; 0: no limit
  unsigned perHost = 0;      // tasks at once on one host; 0: no limit
  std::optional<Share> maxFail;
  RetryPolicy retry;
  bool summarize = false;
  bool sudo = false;

  bool local() const { return !on; }
};

struct PipelinePlan {
  std::string name;
  std::vector<std::pair<std::string, std::string>> params;  // shown: secrets as "(sensitive)"
  std::vector<StagePlan> stages;
  std::vector<std::string> skippedStages;  // left out by --stage or --start-at-stage
};

// Plans `pipeline` over the inventory's hosts. Reports a stage whose on:
// matches no host (unless allow_empty) and bad param values for its limits;
// nullopt then. With `chosen` (what --hosts and --limit leave), a stage runs
// on the hosts of its on: that are chosen: none, as Ansible skips a play that
// --limit leaves without hosts, is no error.
std::optional<PipelinePlan> planPipeline(const syntax::PipelineDecl& pipeline,
                                         const inventory::Inventory& inventory,
                                         const ParamSet& params, ir::NameTable& names,
                                         const source::SourceManager& sources,
                                         diag::DiagnosticEngine& diags,
                                         const std::set<std::string>* chosen = nullptr,
                                         const std::set<std::string>* stages = nullptr);

// The pipeline a prepared plan names, with the hosts (--hosts, --limit) and
// the stages (--stage, --start-at-stage) its request chose.
std::optional<PipelinePlan> planPipeline(PreparedPlan& prepared);

// The "pipeline" entry of a plan document.
Json toJson(const PipelinePlan& pipeline);

}  // namespace magicc::plan
