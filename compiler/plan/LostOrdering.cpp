#include "plan/LostOrdering.h"

#include <functional>
#include <set>
#include <string_view>
#include <unordered_set>
#include <utility>

namespace magicc::plan {

namespace {

// The kept nodes reached backwards from `start`'s filtered predecessors
// through filtered nodes only, each with the filtered node it was found by.
void keptBehindFiltered(const ir::Graph& g, const std::vector<char>& keep, ir::NodeId start,
                        std::vector<std::pair<ir::NodeId, ir::NodeId>>& out,
                        std::vector<char>& seen) {
  std::vector<ir::NodeId> stack;
  auto push = [&](ir::NodeId n) {
    if (!seen[n]) {
      seen[n] = 1;
      stack.push_back(n);
    }
  };
  for (std::uint32_t e = g.inStart[start]; e < g.inStart[start + 1]; ++e)
    if (!keep[g.edges[e].from]) push(g.edges[e].from);
  std::vector<ir::NodeId> visited = stack;
  while (!stack.empty()) {
    ir::NodeId f = stack.back();
    stack.pop_back();
    for (std::uint32_t e = g.inStart[f]; e < g.inStart[f + 1]; ++e) {
      ir::NodeId from = g.edges[e].from;
      if (keep[from]) {
        out.emplace_back(from, f);
      } else if (!seen[from]) {
        seen[from] = 1;
        stack.push_back(from);
        visited.push_back(from);
      }
    }
  }
  for (ir::NodeId n : visited) seen[n] = 0;
}

// Whether `before` is an ancestor of `after` over kept nodes and edges.
bool orderedAmongKept(const ir::Graph& g, const std::vector<char>& keep, ir::NodeId before,
                      ir::NodeId after, std::vector<char>& seen) {
  std::vector<ir::NodeId> stack{after}, visited{after};
  seen[after] = 1;
  bool found = false;
  while (!stack.empty() && !found) {
    ir::NodeId n = stack.back();
    stack.pop_back();
    for (std::uint32_t e = g.inStart[n]; e < g.inStart[n + 1]; ++e) {
      ir::NodeId from = g.edges[e].from;
      if (!keep[from] || seen[from]) continue;
      if (from == before) {
        found = true;
        break;
      }
      seen[from] = 1;
      stack.push_back(from);
      visited.push_back(from);
    }
  }
  for (ir::NodeId v : visited) seen[v] = 0;
  return found;
}

}  // namespace

std::vector<LostOrdering> findLostOrderings(const ir::Graph& g, const std::vector<Target>& targets,
                                            const KeepMatrix& keep, std::size_t limit) {
  std::vector<LostOrdering> out;
  const std::size_t n = g.nodes.size();
  bool anyCondition = false;
  for (const ir::Node& node : g.nodes) anyCondition |= node.condition >= 0;
  if (!anyCondition || g.inStart.size() != n + 1) return out;
  std::unordered_set<std::size_t> rowsSeen;
  std::set<std::pair<ir::NodeId, ir::NodeId>> reported;
  std::vector<char> row, seen(n, 0);
  std::vector<std::pair<ir::NodeId, ir::NodeId>> behind;
  for (std::size_t t = 0; t < targets.size() && out.size() < limit; ++t) {
    keep.row(t, row);
    std::size_t hash = std::hash<std::string_view>{}(std::string_view(row.data(), row.size()));
    if (!rowsSeen.insert(hash).second) continue;
    for (ir::NodeId after = 0; after < n && out.size() < limit; ++after) {
      if (!row[after]) continue;
      behind.clear();
      keptBehindFiltered(g, row, after, behind, seen);
      for (const auto& [before, through] : behind) {
        if (out.size() >= limit || reported.count({before, after})) continue;
        if (orderedAmongKept(g, row, before, after, seen)) continue;
        reported.insert({before, after});
        out.push_back({before, after, through, targets[t].name});
      }
    }
  }
  return out;
}

}  // namespace magicc::plan
