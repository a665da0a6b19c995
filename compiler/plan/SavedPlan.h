// A plan saved with `magicc plan -o` and run later. The document records
// everything the plan depends on (the files read, the param values, each
// host's address and connection settings) and a checksum over itself; a run
// reads it (untrusted input: nesting bounded, every field checked), plans
// again from its invocation, and runs only when every pinned input is the
// same and the plan comes out exactly as saved.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "plan/PipelinePlan.h"
#include "plan/Prepare.h"
#include "plan/PreparedPlan.h"

namespace magicc::plan {

// What each node and stage task will run, as an operator reads it (values
// in place, as lowering renders them: lower::shownCommands), by (target,
// node) and by (stage, host, foreach element).
struct ShownCommands {
  std::map<std::pair<std::string, std::string>, std::string> nodes;
  std::map<std::tuple<std::string, std::string, std::string>, std::string> tasks;
};

// The whole plan document (docs/plan-format.md): `source` is the program
// as the user named it, `invocation` what it was made from, `shown` the
// commands its nodes and tasks run.
Json planDocument(const PreparedPlan& prepared, const PipelinePlan* pipeline,
                  const std::string& source, Json invocation, const ShownCommands& shown = {});

// "sha256:HEX" over the document without its "checksum" key.
std::string planChecksum(const Json& doc);

struct SavedPlan {
  Json doc;
  // What it was made from. Secret params are never saved: the caller adds
  // them again (-D, the prompt).
  PlanRequest request;
  // Whether `-D name=...` may be given with the plan: only its secret params.
  bool takesDefine(const std::string& name) const;
};

struct SavedPlanRead {
  std::optional<SavedPlan> plan;
  std::string error;     // when there is no plan
  bool located = false;  // `error` is about the file's content (print it after the path)
};

SavedPlanRead readSavedPlan(const std::string& path);

// Empty when `prepared` (and `pipeline`), planned again from the saved
// invocation, depend on the same inputs and are exactly what was saved;
// else what changed, in an operator's words.
std::string savedPlanDiffers(const SavedPlan& saved, const std::string& savedPath,
                             const PreparedPlan& prepared, const PipelinePlan* pipeline);

}  // namespace magicc::plan
