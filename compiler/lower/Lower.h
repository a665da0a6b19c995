// From a prepared plan to what a run runs (runtime::RunProgram): one job per
// kept item or resource per target (plus each target's TaskComplete), or, for
// a pipeline, one per stage task, with hidden barriers that keep stages and
// batches in order. Commands are rendered with their values in the
// environment; limits and retries come from literals or checked params.
#pragma once

#include <set>
#include <string>

#include "diag/DiagnosticEngine.h"
#include "plan/PipelinePlan.h"
#include "plan/PreparedPlan.h"
#include "program/HostRoute.h"
#include "program/Program.h"

namespace magicc::lower {

// `pipeline` is the planned pipeline when running one (null: items and
// resources per target). Hosts in `exclude` (unreachable, skipped) get no
// jobs. Whatever makes the program unfit to start (a command's missing host
// var, a bad param value in a field, an unsupported stage) is reported to
// `diags` at the field that says it; the program must not run then.
// With `routes`, a stage's `call:` on a host reached without an agent is
// such an error.
runtime::RunProgram lower(const plan::PreparedPlan& prepared, const plan::PipelinePlan* pipeline,
                          const std::set<std::string>& exclude, diag::DiagnosticEngine& diags,
                          const std::vector<runtime::HostRoute>* routes = nullptr);

}  // namespace magicc::lower
