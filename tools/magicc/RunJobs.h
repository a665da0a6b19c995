// What the driver's run commands use of lowering (compiler/lower) and of the
// program a run runs (runtime/program).
#pragma once

#include "lower/Lower.h"
#include "program/Program.h"
#include "program/ProgramDigest.h"

namespace magicc::driver {

using runtime::digestOf;
using runtime::RunProgram;
using runtime::StageInfo;

}  // namespace magicc::driver
