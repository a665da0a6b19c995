// A user kind's outputs, as its apply: (or check:) printed them, checked
// against what the kind declares: every declared output present and of its
// type, nothing undeclared. A receiver must not get "" for a forgotten output.
#pragma once

#include <string>

#include "program/Program.h"

namespace magicc::runtime {

struct KindOutputs {
  Values outs;        // the declared outputs printed, as text
  std::string error;  // empty when the printed outputs are what the kind declares
};

// `resource` names the resource in the error; `command` is "apply" or "check".
// `complete`: every declared output must be there (apply); a check that exits
// 0 may print none, but what it prints is checked alike.
KindOutputs readKindOutputs(const ResourceSpec& spec, const std::string& resource,
                            const std::string& command, const std::string& printed, bool complete);

}  // namespace magicc::runtime
