// The make-magic rule, per target: an item (or resource) whose `if` is false
// is removed with every edge pointing to it; nothing else is removed or
// re-routed; TaskComplete depends on every remaining node that no remaining
// node depends on. The graph is shared; a target is a keep-set over it.
#include <algorithm>

#include "plan/Plan.h"

namespace magicc::plan {

namespace {

Json nodeJson(const ir::Graph& g, ir::NodeId n, const std::vector<ir::NodeId>& depends) {
  const ir::Node& node = g.nodes[n];
  Json j;
  j["name"] = g.nameOf(n);
  j["type"] = node.kind == ir::Node::Kind::Item ? "item" : "resource";
  if (node.kind == ir::Node::Kind::Resource) j["kind"] = g.names.name(node.resourceKind);
  Json deps = Json::array();
  for (ir::NodeId d : depends) deps.push_back(g.nameOf(d));
  j["depends"] = std::move(deps);
  if (node.condition >= 0) j["if"] = g.conditions[node.condition].text;
  if (const syntax::Field* run = node.decl->field("run")) {
    if (auto text = run->value->plainString()) j["run"] = *text;
  }
  // What a file's content is read from, with its digest: a changed file
  // changes the plan.
  if (auto it = g.fileContents.find(node.decl); it != g.fileContents.end())
    j[it->second->field] = {{"path", it->second->path}, {"sha256", it->second->sha256}};
  return j;
}

}  // namespace

Json planTargets(const ir::Graph& g, const std::vector<Target>& targets,
                 const KeepMatrix& keepMatrix) {
  Json all = Json::array();
  const std::size_t n = g.nodes.size();
  std::vector<char> keep(n);
  std::size_t targetIndex = 0;
  std::vector<int> pending(n + 1);
  std::vector<char> hasDependent(n);
  for (const Target& target : targets) {
    // Which nodes this target keeps.
    Json filtered = Json::array();
    keepMatrix.row(targetIndex++, keep);
    for (ir::NodeId i = 0; i < n; ++i) {
      const ir::Node& node = g.nodes[i];
      if (!keep[i])
        filtered.push_back({{"name", g.nameOf(i)},
                            {"reason", "if " + g.conditions[node.condition].text + " is false"}});
    }
    // Edges survive only between kept nodes; TaskComplete gets the sinks.
    std::fill(hasDependent.begin(), hasDependent.end(), 0);
    std::vector<std::vector<ir::NodeId>> depends(n);
    Json flows = Json::array();
    std::size_t edgeCount = 0;
    for (const ir::Edge& e : g.edges) {
      if (!keep[e.from] || !keep[e.to]) continue;
      ++edgeCount;
      hasDependent[e.from] = 1;
      auto& d = depends[e.to];
      if (d.empty() || d.back() != e.from) d.push_back(e.from);
      if (e.kind == ir::Edge::Kind::SendRecv)
        flows.push_back({{"from", g.nameOf(e.from) + "." + g.names.name(e.fromField)},
                         {"to", g.nameOf(e.to) + "." + g.names.name(e.toField)},
                         {"sensitive", e.secret}});
    }
    std::vector<ir::NodeId> sinks;
    for (ir::NodeId i = 0; i < n; ++i)
      if (keep[i] && !hasDependent[i]) sinks.push_back(i);
    edgeCount += sinks.size();

    // Waves: Kahn's algorithm level by level; TaskComplete (index n) is last.
    Json waves = Json::array();
    std::vector<ir::NodeId> wave, next;
    std::vector<std::vector<ir::NodeId>> successors(n);
    for (ir::NodeId i = 0; i < n; ++i) {
      if (!keep[i]) continue;
      std::sort(depends[i].begin(), depends[i].end());
      depends[i].erase(std::unique(depends[i].begin(), depends[i].end()), depends[i].end());
      pending[i] = static_cast<int>(depends[i].size());
      for (ir::NodeId d : depends[i]) successors[d].push_back(i);
      if (pending[i] == 0) wave.push_back(i);
    }
    while (!wave.empty()) {
      Json names = Json::array();
      std::sort(wave.begin(), wave.end());
      next.clear();
      for (ir::NodeId i : wave) {
        names.push_back(g.nameOf(i));
        for (ir::NodeId s : successors[i])
          if (--pending[s] == 0) next.push_back(s);
      }
      waves.push_back(std::move(names));
      std::swap(wave, next);
    }
    waves.push_back(Json::array({"TaskComplete"}));

    Json nodes = Json::array();
    std::size_t items = 0, resources = 0;
    for (ir::NodeId i = 0; i < n; ++i) {
      if (!keep[i]) continue;
      (g.nodes[i].kind == ir::Node::Kind::Item ? items : resources) += 1;
      nodes.push_back(nodeJson(g, i, depends[i]));
    }
    Json complete;
    complete["name"] = "TaskComplete";
    complete["type"] = "task_complete";
    Json sinkNames = Json::array();
    for (ir::NodeId s : sinks) sinkNames.push_back(g.nameOf(s));
    complete["depends"] = std::move(sinkNames);
    nodes.push_back(std::move(complete));

    Json t;
    t["target"] = target.name;
    if (!target.address.empty()) t["address"] = target.address;
    t["requirements"] = target.requirements;
    if (!target.vars.empty()) {
      Json vars = Json::object();
      for (const auto& [k, v] : target.vars) vars[k] = v;
      t["vars"] = std::move(vars);
    }
    t["nodes"] = std::move(nodes);
    t["filtered"] = std::move(filtered);
    t["flows"] = std::move(flows);
    t["waves"] = std::move(waves);
    t["counts"] = {{"items", items}, {"resources", resources}, {"edges", edgeCount}};
    all.push_back(std::move(t));
  }
  return all;
}

TargetCounts countTarget(const ir::Graph& g, const std::vector<char>& keep) {
  TargetCounts counts;
  const std::size_t n = g.nodes.size();
  std::vector<int> pending(n, 0);
  std::vector<char> hasDependent(n, 0);
  for (ir::NodeId i = 0; i < n; ++i) (keep[i] ? counts.kept : counts.filtered) += 1;
  // Edges are sorted by target node: a run of edges shares its `to`.
  std::vector<std::vector<ir::NodeId>> successors(n);
  for (const ir::Edge& e : g.edges) {
    if (!keep[e.from] || !keep[e.to]) continue;
    ++counts.edges;
    hasDependent[e.from] = 1;
    if (successors[e.from].empty() || successors[e.from].back() != e.to) {
      successors[e.from].push_back(e.to);
      ++pending[e.to];
    }
  }
  std::vector<ir::NodeId> wave, next;
  for (ir::NodeId i = 0; i < n; ++i) {
    if (!keep[i]) continue;
    if (!hasDependent[i]) ++counts.edges;  // into TaskComplete
    if (pending[i] == 0) wave.push_back(i);
  }
  while (!wave.empty()) {
    ++counts.waves;
    next.clear();
    for (ir::NodeId i : wave)
      for (ir::NodeId s : successors[i])
        if (--pending[s] == 0) next.push_back(s);
    std::swap(wave, next);
  }
  ++counts.waves;  // TaskComplete
  return counts;
}

}  // namespace magicc::plan
