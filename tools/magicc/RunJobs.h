// From a prepared plan to the engine's jobs: one per kept item or resource
// per target (plus each target's TaskComplete), or, for a pipeline, one per
// stage task, with hidden barriers that keep stages and batches in order.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "PreparedPlan.h"
#include "engine/Engine.h"
#include "plan/Plan.h"
#include "program/Program.h"
#include "resources/ResourceRunner.h"

namespace magicc::driver {

using runtime::RunProgram;
using runtime::StageInfo;

// `pipelineDoc` is the plan's "pipeline" entry when running a pipeline.
// A digest of what the jobs do (commands, values, targets, resources'
// non-secret inputs): --resume refuses a run whose jobs would differ.
std::string digestOf(const RunProgram& program);

// Hosts in `exclude` (unreachable, --skip-unreachable) get no jobs.
RunProgram buildRunProgram(const PreparedPlan& prepared, const plan::Json* pipelineDoc,
                           const std::set<std::string>& exclude = {});

}  // namespace magicc::driver
