// Turns ANTLR parse trees into the AST, one declaration at a time, and checks
// what the grammar leaves open: which fields a block accepts, which fields
// take a condition, the shape of conditions and of edges.
#pragma once

#include <memory>
#include <span>

#include "MagicParser.h"
#include "diag/DiagnosticEngine.h"
#include "syntax/Ast.h"

namespace magicc::syntax {

class AstBuilder {
 public:
  AstBuilder(source::FileId file, diag::DiagnosticEngine& diags) : file_(file), diags_(diags) {}

  // `hadSyntaxErrors`: the parser reported errors in this declaration; the
  // builder then stays quiet about what those errors left broken.
  std::unique_ptr<Decl> build(grammar::MagicParser::DeclarationContext* ctx, bool hadSyntaxErrors);
  // A condition on its own (--hosts): built and checked like an `if:` value.
  ExprPtr buildCondition(grammar::MagicParser::ExprContext* ctx);

 private:
  using P = grammar::MagicParser;

  std::unique_ptr<Decl> buildDecl(P::DeclarationContext* ctx);
  void buildBlock(P::BlockContext* ctx, BlockDecl& decl, std::string_view owner);
  void buildFields(const std::vector<P::FieldContext*>& fields, std::vector<Field>& out,
                   std::string_view owner);
  Field buildField(P::FieldContext* ctx);
  ParamSpec buildParamSpec(P::ParamSpecContext* ctx);
  TypeExprPtr buildType(P::TypeExprContext* ctx);
  TypeExprPtr buildTypeAtom(P::TypeAtomContext* ctx);
  StageDecl buildStage(P::StageDeclContext* ctx);
  std::unique_ptr<Decl> buildEdge(P::EdgeStmtContext* ctx);

  std::vector<P::FieldContext*> fieldsOf(P::BlockContext* ctx);
  ExprPtr buildExpr(P::ExprContext* ctx);
  ExprPtr buildAnd(P::AndExprContext* ctx);
  ExprPtr buildBinary(antlr4::ParserRuleContext* ctx, ExprKind kind);
  ExprPtr buildNot(P::NotExprContext* ctx);
  ExprPtr buildPrimary(P::PrimaryContext* ctx);
  MapEntry buildMapEntry(P::MapEntryContext* ctx);
  ExprPtr buildString(antlr4::tree::TerminalNode* node);

  // Field checks: known names, no duplicates, conditions only where wanted.
  void checkFields(const std::vector<Field>& fields, std::string_view owner,
                   std::span<const std::string_view> known);
  void checkCondition(const Expr& e);
  void checkValue(const Expr& e, const Field& field);

  Identifier identifier(P::NameContext* ctx);
  Identifier stringIdentifier(antlr4::tree::TerminalNode* node);
  source::SourceRange range(antlr4::ParserRuleContext* ctx) const;
  source::SourceRange range(antlr4::tree::TerminalNode* node) const;
  source::SourceRange range(const antlr4::Token* token) const;

  source::FileId file_;
  diag::DiagnosticEngine& diags_;
  bool quiet_ = false;  // the declaration has syntax errors: report nothing more
};

}  // namespace magicc::syntax
