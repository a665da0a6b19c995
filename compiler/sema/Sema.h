// Semantic analysis: resolves names across a program and its imports,
// type-checks every field against its kind, checks send/recv and the flow of
// secrets, finds dependency cycles and validates params. The result is a
// model of the program that the planner lowers to the graph IR.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "diag/DiagnosticEngine.h"
#include "sema/Type.h"
#include "syntax/Ast.h"
#include "syntax/Loader.h"

namespace magicc::sema {

struct KindField {
  std::string name;
  bool isOutput = false;
  TypeRef type;
  bool hasDefault = false;
  source::SourceRange range;
};

struct KindInfo {
  std::string name;
  const syntax::KindDecl* decl = nullptr;
  std::vector<KindField> fields;
  const KindField* field(const std::string& fieldName) const;
};

struct ParamInfo {
  std::string name;
  TypeRef type;
  const syntax::ParamSpec* spec = nullptr;
};

struct NodeInfo {
  enum class Kind { Item, Resource };
  Kind kind = Kind::Item;
  int id = -1;  // dense, in name order: SemanticModel::byId[id] is this node
  std::string name;
  const syntax::BlockDecl* decl = nullptr;
  const KindInfo* resourceKind = nullptr;  // resources only
};

// An ordering edge between two nodes (by id), with why it exists.
struct Edge {
  enum class Why { Depends, Order, Refresh, SendRecv };
  int from = -1, to = -1;
  Why why = Why::Order;
  std::string_view fromField, toField;  // SendRecv only; views into the kinds
  source::SourceRange range;
};

struct SemanticModel {
  std::map<std::string, KindInfo> kinds;
  std::map<std::string, ParamInfo> params;  // top-level params
  std::vector<NodeInfo> nodes;  // items and resources, sorted by name; nodes[id].id == id
  // The node of that name (binary search), or nullptr.
  const NodeInfo* findNode(std::string_view name) const;
  std::map<std::string, const syntax::HostDecl*> hosts;
  std::map<std::string, const syntax::PipelineDecl*> pipelines;
  // "pipeline.param" -> its type, for every param of every pipeline.
  std::map<std::string, TypeRef> pipelineParamTypes;
  std::vector<Edge> edges;
};

// `stdlib` is the parsed standard library (stdlib/core.mm), seen by every program.
// `sources` gives the text that warnings quote.
SemanticModel analyze(const syntax::LoadedProgram& program, const syntax::Module& stdlib,
                      const source::SourceManager& sources, diag::DiagnosticEngine& diags);

}  // namespace magicc::sema
