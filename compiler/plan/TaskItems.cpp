#include "plan/TaskItems.h"

#include <algorithm>

namespace magicc::plan {

namespace {

std::string runText(const syntax::BlockDecl& decl) {
  const syntax::Field* run = decl.field("run");
  if (!run || run->value->kind != syntax::ExprKind::String) return {};
  std::string text;
  for (const auto& part : run->value->parts)
    text +=
        part.kind == syntax::StringPart::Kind::Interpolation ? "${" + part.text + "}" : part.text;
  return text;
}

std::string descriptionOf(const syntax::BlockDecl& decl) {
  const syntax::Field* meta = decl.field("meta");
  if (!meta || meta->value->kind != syntax::ExprKind::Map) return {};
  for (const auto& entry : meta->value->entries)
    if (entry.key.name == "description" && entry.value)
      if (auto text = entry.value->plainString()) return *text;
  return {};
}

}  // namespace

std::vector<TaskItem> makeMagicTask(const PreparedPlan& plan,
                                    const std::vector<std::string>& requirements) {
  const ir::Graph& g = *plan.graph;
  Target target;
  target.name = "local";
  target.requirements = requirements;
  for (const auto& r : requirements)
    if (ir::NameId id = g.names.find(r); id != ir::kNoName) target.reqs.tags.insert(id);
  std::vector<Target> targets{std::move(target)};
  KeepMatrix keepMatrix;
  DecideStats stats;
  decide(g, targets, plan.paramSet.values, JitMode::Off, keepMatrix, stats);
  std::vector<char> keep;
  keepMatrix.row(0, keep);

  const std::size_t n = g.nodes.size();
  std::vector<std::vector<ir::NodeId>> depends(n);
  std::vector<char> hasDependent(n, 0);
  for (const ir::Edge& e : g.edges) {
    if (!keep[e.from] || !keep[e.to]) continue;
    hasDependent[e.from] = 1;
    depends[e.to].push_back(e.from);
  }
  std::vector<TaskItem> items(1);
  items[0].name = "TaskComplete";
  for (ir::NodeId i = 0; i < n; ++i) {
    if (!keep[i]) continue;
    if (!hasDependent[i]) items[0].depends.push_back(g.nameOf(i));
    auto& d = depends[i];
    std::sort(d.begin(), d.end());
    d.erase(std::unique(d.begin(), d.end()), d.end());
    TaskItem item;
    item.name = g.nameOf(i);
    for (ir::NodeId dep : d) item.depends.push_back(g.nameOf(dep));
    if (const syntax::BlockDecl* decl = g.nodes[i].decl) {
      item.description = descriptionOf(*decl);
      item.run = runText(*decl);
    }
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace magicc::plan
