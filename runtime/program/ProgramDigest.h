// A digest of what a program's jobs do (commands, values, targets, limits,
// resources' non-secret inputs): `magicc run --resume` refuses to finish a
// run whose jobs would now differ.
#pragma once

#include <string>

#include "program/Program.h"

namespace magicc::runtime {

// "sha256:<hex>". No secret goes in: a hash of a short secret could be guessed back.
std::string digestOf(const RunProgram& program);

}  // namespace magicc::runtime
