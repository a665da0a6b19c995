// The hand-written lexer: produces the token types of grammar/MagicLexer.g4
// with byte offsets, reports bad input (stray characters, invalid UTF-8, NUL
// bytes, unterminated strings) as diagnostics, and bounds bracket nesting so
// that hostile input cannot overflow the parser's stack.
#pragma once

#include <TokenSource.h>

#include <cstdint>
#include <memory>
#include <string_view>

#include "diag/DiagnosticEngine.h"
#include "source/SourceLocation.h"

namespace magicc::syntax {

class Lexer final : public antlr4::TokenSource {
 public:
  // Brackets nested deeper than this are reported and their contents skipped.
  static constexpr int kMaxNesting = 256;

  Lexer(std::string_view text, source::FileId file, diag::DiagnosticEngine& diags);
  ~Lexer() override;

  std::unique_ptr<antlr4::Token> nextToken() override;
  std::size_t getLine() const override { return line_; }
  std::size_t getCharPositionInLine() override { return pos_ - lineStart_; }
  antlr4::CharStream* getInputStream() override { return nullptr; }
  std::string getSourceName() override { return "magic"; }
  antlr4::TokenFactory<antlr4::CommonToken>* getTokenFactory() override;

 private:
  std::unique_ptr<antlr4::Token> lexOne();
  std::unique_ptr<antlr4::Token> make(std::size_t type, std::size_t start);
  std::unique_ptr<antlr4::Token> lexString(std::size_t start);
  // """...""": may span lines; the token keeps the line and column it starts at.
  std::unique_ptr<antlr4::Token> lexMultilineString(std::size_t start);
  // Steps over a byte of a string's body, reporting a bad one; false at the error limit.
  bool stringByte();
  std::unique_ptr<antlr4::Token> lexNumber(std::size_t start);
  std::unique_ptr<antlr4::Token> lexIdentifier(std::size_t start);
  // Skips a bracketed region nested too deep; returns a stand-in token.
  std::unique_ptr<antlr4::Token> skipTooDeep(std::size_t start);
  bool stopAtLimit();
  void skipTrivia();
  void newline(std::size_t at);
  bool reportBadByte(std::size_t at);
  source::SourceRange range(std::size_t begin, std::size_t end) const;

  std::string_view text_;
  source::FileId file_;
  diag::DiagnosticEngine& diags_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t lineStart_ = 0;
  int depth_ = 0;
};

}  // namespace magicc::syntax
