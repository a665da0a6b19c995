// ANTLR error recovery that speaks the language. Every syntax error becomes
// one diagnostic worded for an operator ("expected ':' after field name
// 'depends'"); recovery resynchronises at the next field, separator or
// declaration, and errors inside the same field are reported once.
#pragma once

#include <DefaultErrorStrategy.h>

#include <cstddef>

#include "diag/DiagnosticEngine.h"

namespace magicc::syntax {

class SyntaxErrorStrategy final : public antlr4::DefaultErrorStrategy {
 public:
  SyntaxErrorStrategy(source::FileId file, diag::DiagnosticEngine& diags)
      : file_(file), diags_(diags) {}

  // Starts a new declaration: errors are counted and suppressed per declaration.
  void beginDeclaration(antlr4::Parser* parser);
  std::size_t errorsReported() const { return errors_; }

  void reportError(antlr4::Parser* parser, const antlr4::RecognitionException& e) override;
  void recover(antlr4::Parser* parser, std::exception_ptr e) override;
  void sync(antlr4::Parser* parser) override;
  antlr4::Token* recoverInline(antlr4::Parser* parser) override;

 protected:
  void reportUnwantedToken(antlr4::Parser* parser) override;
  void reportMissingToken(antlr4::Parser* parser) override;
  bool singleTokenInsertion(antlr4::Parser* parser) override;
  antlr4::Token* singleTokenDeletion(antlr4::Parser* parser) override;
  antlr4::misc::IntervalSet getErrorRecoverySet(antlr4::Parser* parser) override;

 private:
  enum class Problem { Mismatch, Missing, Unwanted };
  void report(antlr4::Parser* parser, antlr4::Token* offending, Problem problem);
  void consumeToResyncPoint(antlr4::Parser* parser);
  bool followsUnterminatedString(antlr4::Parser* parser) const;

  source::FileId file_;
  diag::DiagnosticEngine& diags_;
  std::size_t errors_ = 0;
  const void* lastUnit_ = nullptr;
  std::size_t declarationStart_ = 0;
};

// Token types that can only start a top-level declaration.
bool isDeclarationKeyword(std::size_t tokenType);

}  // namespace magicc::syntax
