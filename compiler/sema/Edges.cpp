// Edge statements (ordering, refresh, send/recv) and dependency cycles.
#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "sema/Analyzer.h"
#include "support/Suggest.h"

namespace magicc::sema {

using diag::DiagId;

const NodeInfo* Analyzer::lookupNode(const syntax::Identifier& name, const char* what) {
  if (!name.valid()) return nullptr;
  auto it = model_.nodes.find(name.name);
  if (it != model_.nodes.end()) return &it->second;
  std::vector<std::string_view> candidates;
  for (const auto& [n, node] : model_.nodes) candidates.push_back(n);
  diags_.report(DiagId::UnknownName, name.range, what, name.name,
                support::didYouMean(name.name, candidates));
  return nullptr;
}

void Analyzer::checkEdge(const syntax::EdgeDecl& edge) {
  for (std::size_t i = 0; i < edge.ops.size() && i + 1 < edge.ends.size(); ++i) {
    const auto& from = edge.ends[i];
    const auto& to = edge.ends[i + 1];
    if (from.field && to.field) {
      checkSend(from, to, edge.opRanges[i]);
      continue;
    }
    const NodeInfo* a = lookupNode(from.node, "item or resource");
    const NodeInfo* b = lookupNode(to.node, "item or resource");
    if (!a || !b) continue;
    auto why = edge.ops[i] == syntax::EdgeOp::Refresh ? Edge::Why::Refresh : Edge::Why::Order;
    model_.edges.push_back({a->name, b->name, why, "", "", edge.opRanges[i]});
  }
}

void Analyzer::checkSend(const syntax::EdgeEnd& from, const syntax::EdgeEnd& to,
                         source::SourceRange at) {
  const NodeInfo* a = lookupNode(from.node, "resource");
  const NodeInfo* b = lookupNode(to.node, "resource");
  // Whatever else is wrong, the receiver's field is meant to be provided by
  // this edge: do not also call it missing.
  if (b && to.field) receivedFields_.insert(b->name + "." + to.field->name);
  if (!a || !b) return;
  auto resolve = [&](const NodeInfo* node, const syntax::Identifier& field) -> const KindField* {
    if (node->kind == NodeInfo::Kind::Item) {
      diags_.report(DiagId::FieldNotAResource, field.range, node->name);
      return nullptr;
    }
    if (!node->resourceKind) return nullptr;  // unknown kind, already reported
    const KindField* f = node->resourceKind->field(field.name);
    if (!f) {
      std::vector<std::string_view> names;
      for (const auto& kf : node->resourceKind->fields) names.push_back(kf.name);
      diags_.report(DiagId::UnknownKindField, field.range, node->resourceKind->name, field.name,
                    support::didYouMean(field.name, names));
    }
    return f;
  };
  const KindField* out = resolve(a, *from.field);
  const KindField* in = resolve(b, *to.field);
  if (!out || !in) return;
  if (!out->isOutput) {
    diags_.report(DiagId::SendFromInput, from.range, a->name, out->name, a->resourceKind->name);
    return;
  }
  if (in->isOutput) {
    diags_.report(DiagId::SendToOutput, to.range, b->name, in->name, b->resourceKind->name);
    return;
  }
  if (!isAssignable(*out->type, *in->type)) {
    if (containsSecret(*out->type) && !containsSecret(*in->type))
      diags_.report(DiagId::SecretIntoNonSecret, to.range, a->name + "." + out->name, b->name,
                    in->name);
    else
      diags_.report(DiagId::SendTypeMismatch, to.range, out->type->toString(), a->name, out->name,
                    in->type->toString(), b->name, in->name);
    return;
  }
  std::string key = b->name + "." + in->name;
  if (auto it = senders_.find(key); it != senders_.end()) {
    diags_.report(DiagId::MultipleSenders, to.range, b->name, in->name,
                  it->second->node.name + "." + it->second->field->name);
    diags_.note(DiagId::SenderHere, it->second->range);
    return;
  }
  senders_.emplace(key, &from);
  if (const syntax::Field* literal = b->decl->field(in->name)) {
    diags_.report(DiagId::SentAndSet, literal->name.range, b->name, in->name,
                  a->name + "." + out->name);
    diags_.note(DiagId::SenderHere, from.range);
  }
  model_.edges.push_back({a->name, b->name, Edge::Why::SendRecv, out->name, in->name, at});
}

// Tarjan's strongly connected components; each component with a cycle is
// reported once, with one cycle through it spelled out edge by edge.
void Analyzer::findCycles() {
  std::map<std::string, std::vector<const Edge*>> out;
  for (const auto& e : model_.edges) out[e.from].push_back(&e);

  std::map<std::string, int> index, low;
  std::map<std::string, bool> onStack;
  std::vector<std::string> stack;
  std::vector<std::vector<std::string>> components;
  int counter = 0;

  // Iterative, so that a long chain of items cannot overflow the stack.
  for (const auto& [root, unused] : model_.nodes) {
    if (index.count(root)) continue;
    std::vector<std::pair<std::string, std::size_t>> work{{root, 0}};
    index[root] = low[root] = counter++;
    stack.push_back(root);
    onStack[root] = true;
    while (!work.empty()) {
      auto& [node, next] = work.back();
      auto& edges = out[node];
      if (next < edges.size()) {
        const std::string& succ = edges[next++]->to;
        if (!index.count(succ)) {
          index[succ] = low[succ] = counter++;
          stack.push_back(succ);
          onStack[succ] = true;
          work.push_back({succ, 0});
        } else if (onStack[succ]) {
          low[node] = std::min(low[node], index[succ]);
        }
        continue;
      }
      if (low[node] == index[node]) {
        std::vector<std::string> component;
        std::string member;
        do {
          member = stack.back();
          stack.pop_back();
          onStack[member] = false;
          component.push_back(member);
        } while (member != node);
        components.push_back(std::move(component));
      }
      std::string finished = node;
      work.pop_back();
      if (!work.empty()) low[work.back().first] = std::min(low[work.back().first], low[finished]);
    }
  }

  for (auto& component : components) {
    std::set<std::string> members(component.begin(), component.end());
    // A cycle: walk from the alphabetically first member, staying inside the
    // component, until a node repeats.
    std::string start = *members.begin();
    const Edge* selfLoop = nullptr;
    for (const Edge* e : out[start])
      if (e->to == start) selfLoop = e;
    if (component.size() == 1 && !selfLoop) continue;
    std::vector<const Edge*> path;
    std::map<std::string, std::size_t> seenAt;
    std::string at = start;
    while (!seenAt.count(at)) {
      seenAt[at] = path.size();
      const Edge* step = nullptr;
      for (const Edge* e : out[at])
        if (members.count(e->to) && (!step || e->to < step->to)) step = e;
      path.push_back(step);
      at = step->to;
    }
    std::vector<const Edge*> cycle(path.begin() + static_cast<long>(seenAt[at]), path.end());
    std::string spelled = cycle.front()->from;
    for (const Edge* e : cycle) spelled += " -> " + e->to;
    const NodeInfo& first = model_.nodes.at(cycle.front()->from);
    diags_.report(DiagId::DependencyCycle, first.decl->name.range, spelled);
    for (const Edge* e : cycle) diags_.note(DiagId::CycleEdge, e->range, e->from, e->to);
  }
}

}  // namespace magicc::sema
