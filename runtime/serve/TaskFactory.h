// What a new task is made of: the items the make-magic rule keeps for the
// task's requirements. `magicc serve` computes them with the planner over the
// program it was started with; the runtime only sees the list.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace magicc::serve {

struct ItemSpec {
  std::string name;
  std::vector<std::string> depends;
  std::string description;  // "" : none
  std::string run;          // the item's command as written (${...} kept); "" : none
};

// TaskComplete included (depending on the sinks). Must be safe to call from
// several threads at once.
using TaskFactory =
    std::function<std::vector<ItemSpec>(const std::vector<std::string>& requirements)>;

}  // namespace magicc::serve
