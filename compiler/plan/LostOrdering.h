// make-magic's rule removes a filtered item with its edges and re-routes
// nothing, so two kept nodes that were ordered only through filtered ones
// run unordered. The rule stays (it is make-magic's); plan and run warn.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ir/Graph.h"
#include "plan/Keep.h"
#include "plan/Plan.h"

namespace magicc::plan {

struct LostOrdering {
  ir::NodeId before = 0;   // kept, and no longer ordered before `after`
  ir::NodeId after = 0;    // kept
  ir::NodeId through = 0;  // a filtered node the lost path went through
  std::string target;      // the first target where it happens
};

// Every (before, after) pair ordered in the graph but not among the nodes
// a target keeps; each pair once, in the first target it happens for, at
// most `limit` of them. Targets keeping the same nodes are looked at once.
std::vector<LostOrdering> findLostOrderings(const ir::Graph& g, const std::vector<Target>& targets,
                                            const KeepMatrix& keep, std::size_t limit);

}  // namespace magicc::plan
