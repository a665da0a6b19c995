// The command line's options as a plan request, and the invocation record
// (plan/Invocation.h) of a saved plan or a run read back as options.
#pragma once

#include <nlohmann/json.hpp>

#include "Commands.h"
#include "plan/Invocation.h"

namespace magicc::driver {

plan::PlanRequest planRequestOf(const PlanOptions& options);
nlohmann::ordered_json invocationOf(const PlanOptions& options, const plan::ParamSet& params);
// Throws nlohmann::json::exception on a malformed document.
PlanOptions planOptionsFrom(const nlohmann::ordered_json& invocation);
using plan::defineName;

}  // namespace magicc::driver
