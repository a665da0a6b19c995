// A plan saved with `magicc plan -o` and run later: read (untrusted input:
// nesting bounded, every field checked), planned again from its invocation,
// and run only when the program and inventory still give exactly that plan.
#pragma once

#include <optional>
#include <string>

#include "plan/PipelinePlan.h"
#include "plan/Prepare.h"
#include "plan/PreparedPlan.h"

namespace magicc::plan {

struct SavedPlan {
  Json doc;
  // What it was made from. Secret params are never saved: the caller adds
  // them again (-D, the prompt).
  PlanRequest request;
};

struct SavedPlanRead {
  std::optional<SavedPlan> plan;
  std::string error;     // when there is no plan
  bool located = false;  // `error` is about the file's content (print it after the path)
};

SavedPlanRead readSavedPlan(const std::string& path);

// Empty when `prepared` (and `pipeline`), planned again from the saved
// invocation, are exactly what was saved; else why the plan cannot run.
// `sourceHash` is the prepared program's (Compilation::sourceHash).
std::string savedPlanDiffers(const SavedPlan& saved, const std::string& savedPath,
                             const PreparedPlan& prepared, const std::string& sourceHash,
                             const PipelinePlan* pipeline);

}  // namespace magicc::plan
