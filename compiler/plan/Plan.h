// Planning: which nodes of the graph run for each target, in what order
// (waves), what was filtered out and why, which values flow where; and for a
// pipeline, which hosts each stage runs on, in which batches (PipelinePlan.h). The plan is a
// JSON document (docs/plan-format.md) from which the human text is rendered,
// so a saved plan renders exactly like a fresh one.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "inventory/Inventory.h"
#include "ir/Graph.h"
#include "plan/Keep.h"
#include "plan/Params.h"

namespace magicc::plan {

using Json = nlohmann::ordered_json;

inline constexpr int kPlanVersion = 1;

// Something the plan is made for: a host from the inventory, or `local`.
struct Target {
  std::string name;
  std::vector<std::string> requirements;                  // sorted: host tags plus --require
  ir::Requirements reqs;                                  // the same, interned, plus host vars
  std::string address;                                    // hosts only
  std::vector<std::pair<std::string, std::string>> vars;  // sorted host vars
};

// The "targets" entry of a plan: one object per target; `keep` says which
// nodes each target keeps (from the condition engine).
Json planTargets(const ir::Graph& graph, const std::vector<Target>& targets,
                 const KeepMatrix& keep);

// Counts for `plan --stats`: the same rule as planTargets, without building
// the document (a fleet plan of 4000 items x 2000 hosts would be gigabytes).
struct TargetCounts {
  std::size_t kept = 0, filtered = 0, edges = 0, waves = 0;
};
TargetCounts countTarget(const ir::Graph& graph, const std::vector<char>& keep);

// A host as a target: its tags plus `require` are its requirements.
Target hostTarget(const inventory::Host& host, const std::vector<std::string>& require,
                  ir::NameTable& names);
// One target without a host, with exactly the `require` set.
Target localTarget(const std::vector<std::string>& require, ir::NameTable& names);

}  // namespace magicc::plan
