// What a plan shows of each job's command: the rendered command with its
// values in place, as an operator reads it (terraform plan shows its
// changes). Secrets never appear: the checker keeps them out of commands.
#pragma once

#include "plan/SavedPlan.h"
#include "program/Program.h"

namespace magicc::lower {

plan::ShownCommands shownCommands(const runtime::RunProgram& program);

}  // namespace magicc::lower
