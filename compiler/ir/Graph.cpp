#include "ir/Graph.h"

#include <algorithm>
#include <tuple>

namespace magicc::ir {

std::size_t Graph::itemCount() const {
  return std::count_if(nodes.begin(), nodes.end(),
                       [](const Node& n) { return n.kind == Node::Kind::Item; });
}

std::size_t Graph::resourceCount() const {
  return nodes.size() - itemCount();
}

namespace {

std::string sourceText(const source::SourceManager& sources, source::SourceRange r) {
  std::string_view text = sources.text(r.begin.file);
  return std::string(text.substr(r.begin.offset, r.end.offset - r.begin.offset));
}

}  // namespace

Graph buildGraph(const sema::SemanticModel& model, const source::SourceManager& sources) {
  Graph g;
  g.fileContents = model.fileContents;
  g.nodes.reserve(model.nodes.size());
  for (const sema::NodeInfo& info : model.nodes) {
    Node n;
    n.kind = info.kind == sema::NodeInfo::Kind::Item ? Node::Kind::Item : Node::Kind::Resource;
    n.name = g.names.intern(info.name);
    n.decl = info.decl;
    if (info.resourceKind) n.resourceKind = g.names.intern(info.resourceKind->name);
    if (const syntax::Field* cond = info.decl->field("if")) {
      n.condition = static_cast<int>(g.conditions.size());
      g.conditions.push_back(
          lowerCondition(*cond->value, sourceText(sources, cond->value->range), g.names));
    }
    g.nodes.push_back(n);
  }
  for (const sema::Edge& e : model.edges) {
    Edge edge;
    edge.from = static_cast<NodeId>(e.from);
    edge.to = static_cast<NodeId>(e.to);
    switch (e.why) {
      case sema::Edge::Why::Depends:
      case sema::Edge::Why::Order:
        edge.kind = Edge::Kind::Order;
        break;
      case sema::Edge::Why::Refresh:
        edge.kind = Edge::Kind::Refresh;
        break;
      case sema::Edge::Why::SendRecv: {
        edge.kind = Edge::Kind::SendRecv;
        edge.fromField = g.names.intern(e.fromField);
        edge.toField = g.names.intern(e.toField);
        const sema::NodeInfo& sender = model.nodes[e.from];
        if (sender.resourceKind)
          if (const sema::KindField* f = sender.resourceKind->field(std::string(e.fromField)))
            edge.secret = sema::containsSecret(*f->type);
        break;
      }
    }
    g.edges.push_back(edge);
  }
  // One edge per (from, to, kind, fields): `depends: a` and `a -> b` say the same.
  auto key = [](const Edge& e) { return std::tie(e.to, e.from, e.kind, e.fromField, e.toField); };
  std::sort(g.edges.begin(), g.edges.end(),
            [&](const Edge& a, const Edge& b) { return key(a) < key(b); });
  g.edges.erase(std::unique(g.edges.begin(), g.edges.end(),
                            [&](const Edge& a, const Edge& b) { return key(a) == key(b); }),
                g.edges.end());
  g.inStart.assign(g.nodes.size() + 1, 0);
  for (const Edge& e : g.edges) ++g.inStart[e.to + 1];
  for (std::size_t i = 1; i < g.inStart.size(); ++i) g.inStart[i] += g.inStart[i - 1];
  return g;
}

}  // namespace magicc::ir
