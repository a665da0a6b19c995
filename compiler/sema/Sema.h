// Semantic analysis: resolves names across a program and its imports,
// type-checks every field against its kind, checks send/recv and the flow of
// secrets, finds dependency cycles and validates params. The result is a
// model of the program that the planner lowers to the graph IR.
#pragma once

#include <map>
#include <memory>
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

// A `file` resource's content read from beside the program that declares it:
// `source:` (the bytes as they are) or `template:` (text whose ${...} are
// checked and rendered like a string's). Lowering puts it in `content`, so
// the runtime sees an ordinary file.
struct FileContentSource {
  std::string field;     // "source" or "template"
  std::string path;      // the program's directory joined with the value
  std::string sha256;    // "sha256:HEX" of the bytes read
  syntax::Expr content;  // a string: the bytes, or the template's parts (ranges in its file)
};
using FileContentSources =
    std::map<const syntax::BlockDecl*, std::shared_ptr<const FileContentSource>>;

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
  // The `file` resources whose content comes from source: or template:.
  FileContentSources fileContents;
  const FileContentSource* fileContent(const syntax::BlockDecl* decl) const {
    auto it = fileContents.find(decl);
    return it == fileContents.end() ? nullptr : it->second.get();
  }
};

// `stdlib` is the parsed standard library (stdlib/core.mm), seen by every program.
// `sources` gives the text that warnings quote. `fileContents`: what the
// program's source:/template: fields read (frontend/FileSources.h).
SemanticModel analyze(const syntax::LoadedProgram& program, const syntax::Module& stdlib,
                      const source::SourceManager& sources, diag::DiagnosticEngine& diags,
                      FileContentSources fileContents = {});

}  // namespace magicc::sema
