// A RunProgram as JSON and back, for sending one to a worker or an agent.
// Secret values (`secrets`, and whatever the jobs' values hold) travel as
// they are: the channel that carries a program must be private.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "program/Program.h"

namespace magicc::runtime {

std::string programToJson(const RunProgram& program);

// nullopt with `error` set on anything that is not a program this magicc
// writes: bad JSON, nesting deeper than a program has, a missing or
// mistyped field, an edge to a job that does not exist.
std::optional<RunProgram> programFromJson(std::string_view text, std::string& error);

}  // namespace magicc::runtime
