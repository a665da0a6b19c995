// make-magic's task for a set of requirements, over a program prepared once:
// the items (and resources) the make-magic rule keeps, each with the kept
// dependencies, its description and its `run:` text, plus TaskComplete on the
// sinks. The rule is planTargets' (TargetPlan.cpp), for one local target.
#pragma once

#include <string>
#include <vector>

#include "plan/PreparedPlan.h"

namespace magicc::plan {

struct TaskItem {
  std::string name;
  std::vector<std::string> depends;
  std::string description;  // meta: { description: ... }, or ""
  std::string run;          // the run: string as written, ${...} kept; "" without one
};

// TaskComplete comes first (as make-magic lists it), then the kept nodes in
// the graph's order. Requirements the program never names cannot change a
// condition and are not interned. Not thread-safe over one `plan`: callers
// serialize (deciding touches the graph's shared tables).
std::vector<TaskItem> makeMagicTask(const PreparedPlan& plan,
                                    const std::vector<std::string>& requirements);

}  // namespace magicc::plan
