// Edge statements (ordering, refresh, send/recv) and dependency cycles.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <unordered_map>

#include "sema/Analyzer.h"
#include "support/Suggest.h"

namespace magicc::sema {

using diag::DiagId;

const NodeInfo* Analyzer::lookupNode(const syntax::Identifier& name, const char* what) {
  if (!name.valid()) return nullptr;
  if (const NodeInfo* node = findNode(name.name)) return node;
  std::vector<std::string_view> candidates;
  for (const auto& node : model_.nodes) candidates.push_back(node.name);
  reportUnknownNode(what, name.name, name.range, candidates);
  return nullptr;
}

void Analyzer::reportUnknownNode(const char* what, const std::string& name,
                                 source::SourceRange range,
                                 std::span<const std::string_view> candidates) {
  auto match = support::closestMatch(name, candidates);
  auto& d = diags_.report(DiagId::UnknownName, range, what, name,
                          match ? "; did you mean '" + *match + "'?" : std::string());
  if (match) d.fixIts.push_back({range, *match});
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
    // An item runs on every run: a refresh could not make it run "only when
    // changed", so the edge would promise what it cannot keep.
    if (why == Edge::Why::Refresh && b->kind == NodeInfo::Kind::Item) {
      auto& d = diags_.report(DiagId::RefreshIntoItem, edge.opRanges[i], b->name);
      d.fixIts.push_back({edge.opRanges[i], "->"});
      why = Edge::Why::Order;
    }
    model_.edges.push_back({a->id, b->id, why, {}, {}, edge.opRanges[i]});
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
  auto resolve = [&](const NodeInfo* node, const syntax::EdgeEnd& end) -> const KindField* {
    const syntax::Identifier& field = *end.field;
    if (node->kind == NodeInfo::Kind::Item) {
      diags_.report(DiagId::FieldNotAResource, end.node.range, node->name);
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
  const KindField* out = resolve(a, from);
  const KindField* in = resolve(b, to);
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
  model_.edges.push_back({a->id, b->id, Edge::Why::SendRecv, out->name, in->name, at});
}

// Tarjan's strongly connected components over dense node ids; each
// component with a cycle is reported once, with one cycle through it spelled
// out edge by edge. Iterative, so a long chain of items cannot overflow the stack.
void Analyzer::findCycles() {
  const int n = static_cast<int>(model_.nodes.size());
  std::vector<std::vector<std::pair<int, const Edge*>>> out(n);
  for (const auto& e : model_.edges) out[e.from].push_back({e.to, &e});

  std::vector<int> index(n, -1), low(n, 0), component(n, -1);
  std::vector<bool> onStack(n, false);
  std::vector<int> stack;
  std::vector<std::vector<int>> components;
  int counter = 0;
  for (int root = 0; root < n; ++root) {
    if (index[root] >= 0) continue;
    std::vector<std::pair<int, std::size_t>> work{{root, 0}};
    index[root] = low[root] = counter++;
    stack.push_back(root);
    onStack[root] = true;
    while (!work.empty()) {
      auto [node, next] = work.back();
      if (next < out[node].size()) {
        ++work.back().second;
        int succ = out[node][next].first;
        if (index[succ] < 0) {
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
        std::vector<int> members;
        int member;
        do {
          member = stack.back();
          stack.pop_back();
          onStack[member] = false;
          component[member] = static_cast<int>(components.size());
          members.push_back(member);
        } while (member != node);
        components.push_back(std::move(members));
      }
      work.pop_back();
      if (!work.empty()) low[work.back().first] = std::min(low[work.back().first], low[node]);
    }
  }

  for (std::size_t c = 0; c < components.size(); ++c) {
    const auto& members = components[c];
    // Start from the alphabetically first member (ids follow name order).
    int start = *std::min_element(members.begin(), members.end());
    bool selfLoop = false;
    for (const auto& [succ, e] : out[start]) selfLoop = selfLoop || succ == start;
    if (members.size() == 1 && !selfLoop) continue;
    // Walk inside the component, always to the smallest successor, until a node repeats.
    std::vector<const Edge*> path;
    std::unordered_map<int, std::size_t> seenAt;
    int at = start;
    while (!seenAt.count(at)) {
      seenAt[at] = path.size();
      const std::pair<int, const Edge*>* step = nullptr;
      for (const auto& edge : out[at])
        if (component[edge.first] == static_cast<int>(c) && (!step || edge.first < step->first))
          step = &edge;
      path.push_back(step->second);
      at = step->first;
    }
    std::vector<const Edge*> cycle(path.begin() + static_cast<long>(seenAt[at]), path.end());
    auto name = [&](int id) -> const std::string& { return model_.nodes[id].name; };
    std::string spelled = name(cycle.front()->from);
    for (const Edge* e : cycle) spelled += " -> " + name(e->to);
    const NodeInfo& first = model_.nodes[cycle.front()->from];
    diags_.report(DiagId::DependencyCycle, first.decl->name.range, spelled);
    for (const Edge* e : cycle)
      diags_.note(DiagId::CycleEdge, e->range, name(e->from), name(e->to));
  }
}

}  // namespace magicc::sema
