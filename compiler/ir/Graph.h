// The graph IR: the program's items and resources as nodes with dense ids,
// typed edges, and lowered conditions. It is built once per program and
// shared by every target; a target keeps a subset of it (see plan/).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/Condition.h"
#include "ir/NameTable.h"
#include "sema/Sema.h"

namespace magicc::ir {

using NodeId = std::uint32_t;

struct Node {
  enum class Kind : std::uint8_t { Item, Resource };
  Kind kind = Kind::Item;
  NameId name = kNoName;
  NameId resourceKind = kNoName;  // resources: file, exec, ...
  int condition = -1;             // index into Graph::conditions; -1: always kept
  const syntax::BlockDecl* decl = nullptr;
};

struct Edge {
  enum class Kind : std::uint8_t { Order, Refresh, SendRecv };
  NodeId from = 0, to = 0;
  Kind kind = Kind::Order;
  NameId fromField = kNoName, toField = kNoName;  // SendRecv
  bool secret = false;                            // SendRecv of a secret value
};

struct Graph {
  NameTable names;
  std::vector<Node> nodes;  // ids in name order (the checker's order)
  std::vector<Edge> edges;  // sorted by (to, from, kind), duplicates removed
  std::vector<Condition> conditions;
  // Files whose content comes from source: or template: (shared with the model).
  sema::FileContentSources fileContents;
  // Compressed adjacency: edges into node n are edges[inStart[n] .. inStart[n+1]).
  std::vector<std::uint32_t> inStart;

  const std::string& nameOf(NodeId n) const { return names.name(nodes[n].name); }
  std::size_t itemCount() const;
  std::size_t resourceCount() const;
};

// Builds the graph from a checked program; `sources` gives conditions' text.
Graph buildGraph(const sema::SemanticModel& model, const source::SourceManager& sources);

}  // namespace magicc::ir
