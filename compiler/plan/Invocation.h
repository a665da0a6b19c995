// What a plan or a run was made from, so that `magicc run plan.json` and
// `magicc run --resume` (and a task server) plan exactly the same thing
// again: the program and inventories (absolute paths), the pipeline, the
// requirements, the host condition and the param values. Secret params are
// left out: they are given again, or, for --resume, kept sealed in the
// secret store.
#pragma once

#include <string>

#include "plan/Params.h"
#include "plan/Plan.h"
#include "plan/Prepare.h"

namespace magicc::plan {

Json invocationOf(const PlanRequest& request, const ParamSet& params);
// Throws nlohmann::json::exception on a malformed document.
PlanRequest planRequestFrom(const Json& invocation);
// The name of a define ("name=value" -> "name").
std::string defineName(const std::string& define);

}  // namespace magicc::plan
