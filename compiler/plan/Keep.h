// Which nodes each target keeps: the condition engine's masks, read per
// (node, target). Nodes without a condition are always kept.
#pragma once

#include <cstdint>
#include <vector>

#include "ir/Graph.h"

namespace magicc::plan {

struct KeepMatrix {
  const ir::Graph* graph = nullptr;
  std::size_t batches = 0;
  std::vector<std::uint64_t> masks;  // masks[condition * batches + target / 64]

  bool kept(ir::NodeId node, std::size_t target) const {
    int c = graph->nodes[node].condition;
    if (c < 0) return true;
    return (masks[static_cast<std::size_t>(c) * batches + target / 64] >> (target % 64)) & 1;
  }
  void row(std::size_t target, std::vector<char>& keep) const {
    keep.resize(graph->nodes.size());
    for (ir::NodeId n = 0; n < keep.size(); ++n) keep[n] = kept(n, target);
  }
};

}  // namespace magicc::plan
