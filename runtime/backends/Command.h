// Turning a command line into a process: without a shell when the line has
// no shell syntax (faster, and nothing to quote), through /bin/sh -c otherwise.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "program/RenderCommand.h"

namespace magicc::runtime {

// Whether the text needs a shell to mean what it says (pipes, redirections,
// quotes, variables, globs, ...).
bool needsShell(std::string_view command);
// The words of a command with no shell syntax.
std::vector<std::string> splitWords(std::string_view command);
// shellQuote: program/RenderCommand.h.

}  // namespace magicc::runtime
