// The semantic analyzer's internals, shared by the files of compiler/sema.
#pragma once

#include <functional>
#include <set>
#include <span>
#include <string_view>
#include <unordered_map>

#include "sema/Sema.h"
#include "source/SourceManager.h"

namespace magicc::sema {

// What names a string or condition may refer to where it stands.
struct Scope {
  const std::map<std::string, ParamInfo>* pipelineParams = nullptr;
  bool eachAvailable = false;      // ${each}: stages with foreach
  const KindInfo* kind = nullptr;  // inside a kind's check:/apply:
  const char* kindPart = nullptr;
};

class Analyzer {
 public:
  Analyzer(const source::SourceManager& sources, diag::DiagnosticEngine& diags,
           FileContentSources fileContents = {})
      : sources_(sources), diags_(diags) {
    model_.fileContents = std::move(fileContents);
  }

  SemanticModel run(const syntax::LoadedProgram& program, const syntax::Module& stdlib);

 private:
  // Declarations.cpp
  void collect(const syntax::Module& module);
  void defineNode(NodeInfo::Kind kind, const syntax::BlockDecl& decl);
  template <typename Decl>
  void defineUnique(std::map<std::string, const Decl*>& names, const Decl* decl, const char* what);
  void resolveKind(const syntax::KindDecl& decl);
  TypeRef resolveType(const syntax::TypeExpr* type);
  ParamInfo resolveParam(const syntax::ParamSpec& spec, const Scope& scope);
  bool isLiteral(const syntax::Expr& e, const std::string& param);

  // Values.cpp
  void checkValue(const syntax::Expr& e, const TypeRef& expected, const std::string& what,
                  const Scope& scope);
  const ParamInfo* lookupParam(const std::string& name, const Scope& scope) const;
  std::vector<std::string_view> paramNames(const Scope& scope) const;
  // Checks the names in a string's ${...} parts; returns the first secret one
  // (and the part's range), if any.
  struct SecretUse {
    const ParamInfo* param = nullptr;
    source::SourceRange range;
  };
  // `command`: the string is a shell command, where a `$NAME` that names
  // nothing of magicc's is the shell's own variable.
  SecretUse checkInterpolations(const syntax::Expr& string, const Scope& scope,
                                bool command = false);
  void checkShellVariable(const syntax::StringPart& part, const Scope& scope, bool command);
  // `shell`: a shell runs it (false for a call's args, which are shown and logged alike).
  void checkCommand(const syntax::Expr& e, const std::string& what, const Scope& scope,
                    bool shell = true);
  void warnNestedShell(const syntax::Expr& command);
  std::string describe(const syntax::Expr& e, const Scope& scope) const;
  // Each name in `e` (one name or a list) must be a node; `found` gets the good ones.
  void checkNodeList(const syntax::Expr& e, const char* what, bool resourcesOnly,
                     const std::function<void(const NodeInfo&)>& found);
  void checkNodeName(const syntax::Expr& n, const char* what, bool resourcesOnly,
                     const std::function<void(const NodeInfo&)>& found);
  void checkIntRange(const syntax::Field& f, std::int64_t min, const char* wanted,
                     const Scope& scope);

  // Blocks.cpp
  void checkItem(const NodeInfo& node);
  void checkResource(NodeInfo& node);
  void checkHost(const syntax::HostDecl& host);
  void checkKindCommands(const KindInfo& kind);
  void checkFileLiteral(const syntax::Field& f);
  // A template's ${...}, checked as a string in content: would be.
  void checkFileTemplate(const NodeInfo& node, const KindInfo& kind, const Scope& scope);
  // source:/template: and a value sent into content: cannot both give the content.
  void checkFileContentSends();
  void checkPipeline(const syntax::PipelineDecl& pipeline);
  void checkStage(const syntax::StageDecl& stage, const Scope& scope);

  // Conditions.cpp
  void checkCondition(const syntax::Expr& e, const Scope& scope);
  void warnMixedAndOr(const syntax::Expr& e);
  std::string text(source::SourceRange range) const;

  // Edges.cpp
  void checkEdge(const syntax::EdgeDecl& edge);
  void checkSend(const syntax::EdgeEnd& from, const syntax::EdgeEnd& to, source::SourceRange at);
  const NodeInfo* lookupNode(const syntax::Identifier& name, const char* what);
  // "unknown WHAT 'name'; did you mean 'x'?", with the suggestion as a
  // fix-it (an editor's quick fix).
  void reportUnknownNode(const char* what, const std::string& name, source::SourceRange range,
                         std::span<const std::string_view> candidates);
  void findCycles();
  void checkRequiredFields();

  const source::SourceManager& sources_;
  diag::DiagnosticEngine& diags_;
  SemanticModel model_;
  const syntax::Module* stdlib_ = nullptr;
  const NodeInfo* findNode(std::string_view name) const { return model_.findNode(name); }
  void finishNodes();
  std::vector<const syntax::ParamDecl*> paramDecls_;
  std::vector<const syntax::EdgeDecl*> edgeDecls_;
  // node.field -> the first valid sender, and every field that some edge targets.
  std::map<std::string, const syntax::EdgeEnd*> senders_;
  std::set<std::string> receivedFields_;
};

}  // namespace magicc::sema
