// Cheap navigation of ANTLR parse trees. The generated accessors (ctx->expr(),
// ctx->ID()) scan every child with dynamic_cast, which dominated the cost of
// building the AST; these helpers classify a child once with a typeid check
// (a pointer comparison for terminals) and a static_cast.
#pragma once

#include <ParserRuleContext.h>
#include <tree/ErrorNodeImpl.h>
#include <tree/TerminalNodeImpl.h>

#include <typeinfo>

#include "source/SourceLocation.h"
#include "syntax/Token.h"

namespace magicc::syntax::walk {

// The child as a terminal, or nullptr when it is a rule context.
inline antlr4::tree::TerminalNode* terminal(antlr4::tree::ParseTree* t) {
  const std::type_info& type = typeid(*t);
  if (type == typeid(antlr4::tree::TerminalNodeImpl) || type == typeid(antlr4::tree::ErrorNodeImpl))
    return static_cast<antlr4::tree::TerminalNode*>(t);
  return nullptr;
}

// The child as a rule context, or nullptr when it is a terminal.
inline antlr4::ParserRuleContext* rule(antlr4::tree::ParseTree* t) {
  return terminal(t) ? nullptr : static_cast<antlr4::ParserRuleContext*>(t);
}

// A rule child of the given rule index, cast to its generated context type.
template <typename Ctx>
Ctx* ruleOf(antlr4::tree::ParseTree* t, std::size_t ruleIndex) {
  auto* r = rule(t);
  return r && r->getRuleIndex() == ruleIndex ? static_cast<Ctx*>(r) : nullptr;
}

// Tokens conjured by error recovery have no position and no source text.
inline bool isConjured(const antlr4::Token* t) {
  return t->getStartIndex() == static_cast<std::size_t>(-1);
}

// Every token the lexer made is a MagicToken; conjured ones are not.
inline const MagicToken* sourceToken(const antlr4::Token* t) {
  return isConjured(t) ? nullptr : static_cast<const MagicToken*>(t);
}

// A string token the lexer flagged (unterminated, bad escape): already
// reported, so the parser and the AST builder say nothing more about it.
inline bool isMalformed(const antlr4::Token* t) {
  const MagicToken* token = sourceToken(t);
  return token && token->malformed();
}

// Where a token is in its file; an empty range for a conjured token, and
// the point where end of input is for EOF.
inline source::SourceRange tokenRange(source::FileId file, const antlr4::Token* t) {
  if (!t || isConjured(t)) return {};
  auto start = static_cast<std::uint32_t>(t->getStartIndex());
  auto stop = t->getType() == antlr4::Token::EOF
                  ? start
                  : static_cast<std::uint32_t>(t->getStopIndex() + 1);
  return {{file, start}, {file, stop}};
}

inline std::size_t tokenType(antlr4::tree::TerminalNode* node) {
  return node->getSymbol()->getType();
}

}  // namespace magicc::syntax::walk
