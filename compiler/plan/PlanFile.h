// A saved plan read back (`magicc plan plan.json`, `magicc run plan.json`):
// untrusted bytes, so bounded in depth and checked field by field before the
// renderers or the runtime read anything.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "plan/Plan.h"

namespace magicc::plan {

// Empty when `doc` has, with the right types, every field of the plan format
// (docs/plan-format.md) that the renderers and the runtime read; otherwise
// why not, naming the field: "targets[0].counts.items must be a non-negative
// integer, not a float".
std::string checkPlan(const Json& doc);

struct PlanFile {
  std::optional<Json> doc;  // empty when `error` says why
  std::string error;
  bool unreadable = false;  // the file could not be read at all (a usage error)
};

// Parses (support::parseJson, nesting bounded) and checks a saved plan.
PlanFile parsePlan(std::string_view text);
PlanFile readPlanFile(const std::string& path);

// Whether `path` names a saved plan rather than a program: a `.json` name,
// or JSON inside (`plan -o myplan`).
bool isPlanFile(const std::string& path);

}  // namespace magicc::plan
