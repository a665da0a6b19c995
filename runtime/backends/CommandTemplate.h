// The rendered command as an operator reads it. Rendering itself is
// program/RenderCommand.h (lowering renders commands too).
#pragma once

#include <string>

#include "program/Program.h"
#include "program/RenderCommand.h"

namespace magicc::runtime {

// The command as an operator reads it (logs, audit): values shell-quoted in
// place (commands never hold secrets: the checker keeps them out).
std::string displayCommand(const std::string& rendered, const Values& env);

}  // namespace magicc::runtime
