// A digest of what a program's jobs do (commands, values, targets,
// resources' non-secret inputs): --resume refuses a run whose jobs would
// differ now. A copy of tools/magicc/RunJobs.cpp's digestOf while that one
// moves to runtime/program; the merge keeps one of them.
#pragma once

#include <string>

#include "program/Program.h"

namespace magicc::runtime {

std::string jobsDigest(const RunProgram& program);

}  // namespace magicc::runtime
