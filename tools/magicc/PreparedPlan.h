// The command line's way into plan::prepare: options to a request, and the
// diagnostics printed.
#pragma once

#include <string>
#include <vector>

#include "Commands.h"
#include "plan/PipelinePlan.h"
#include "plan/PreparedPlan.h"

namespace magicc::driver {

using plan::PreparedPlan;

// Returns an exit code; kExitOk when `out` is ready (diagnostics already printed otherwise).
int preparePlan(const PlanOptions& options, PreparedPlan& out);
// Warns of each secret param whose value is written out in `defines` (the
// command line's -D), where other users can read it.
// --list-hosts: the targets, or each stage's hosts, as ansible-playbook
// --list-hosts prints each play's. Returns kExitOk.
int printHostList(const PreparedPlan& prepared, const plan::PipelinePlan* pipeline);
void warnSecretsOnCommandLine(const std::vector<std::string>& defines,
                              const std::vector<std::string>& secretParams);

}  // namespace magicc::driver
