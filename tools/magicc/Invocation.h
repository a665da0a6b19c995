// What a plan or a run was made from, so that `magicc run plan.json` and
// `magicc run --resume` plan exactly the same thing again: the program and
// inventories (absolute paths), the pipeline, --require, --hosts and
// the -D values. Secret params are left out: they are given again (-D), or,
// for --resume, kept sealed in the secret store.
#pragma once

#include <nlohmann/json.hpp>

#include "Commands.h"
#include "plan/Params.h"

namespace magicc::driver {

nlohmann::ordered_json invocationOf(const PlanOptions& options, const plan::ParamSet& params);
// Throws nlohmann::json::exception on a malformed document.
PlanOptions planOptionsFrom(const nlohmann::ordered_json& invocation);
// The name of a -D define ("name=value" -> "name").
std::string defineName(const std::string& define);

}  // namespace magicc::driver
