#include "syntax/Tokens.h"

#include "MagicParser.h"
#include "diag/DiagnosticEngine.h"
#include "syntax/Lexer.h"
#include "syntax/Token.h"

namespace magicc::syntax {

namespace {

using P = grammar::MagicParser;

TokenClass classOf(std::size_t type) {
  switch (type) {
    case P::IMPORT:
    case P::PARAM:
    case P::HOST:
    case P::INVENTORY:
    case P::ITEM:
    case P::RESOURCE:
    case P::KIND:
    case P::IN:
    case P::OUT:
    case P::PIPELINE:
    case P::STAGE:
    case P::TRUE:
    case P::FALSE:
    case P::MATCHES:
      return TokenClass::Keyword;
    case P::ID:
      return TokenClass::Name;
    case P::STRING:
    case P::UNTERMINATED_STRING:
      return TokenClass::String;
    case P::INT:
    case P::DURATION:
      return TokenClass::Number;
    case P::ARROW:
    case P::TILDE_ARROW:
    case P::EQ:
    case P::NEQ:
    case P::BANG:
    case P::AMP:
    case P::PIPE:
    case P::ASSIGN:
    case P::QUESTION:
    case P::DOLLAR:
      return TokenClass::Operator;
    case P::LBRACE:
    case P::RBRACE:
    case P::LPAREN:
    case P::RPAREN:
    case P::LBRACKET:
    case P::RBRACKET:
    case P::COLON:
    case P::COMMA:
    case P::SEMI:
    case P::DOT:
      return TokenClass::Punctuation;
    default:
      return TokenClass::Bad;
  }
}

void comments(std::string_view text, std::uint32_t from, std::uint32_t to,
              std::vector<ClassifiedToken>& out) {
  for (std::uint32_t i = from; i < to; ++i) {
    if (text[i] != '#') continue;
    std::uint32_t end = i;
    while (end < to && text[end] != '\n' && text[end] != '\r') ++end;
    out.push_back({TokenClass::Comment, i, end});
    i = end;
  }
}

}  // namespace

std::vector<ClassifiedToken> classifyTokens(std::string_view text) {
  std::vector<ClassifiedToken> out;
  diag::DiagnosticEngine diags;  // the checker reports what is wrong, not this
  Lexer lexer(text, 0, diags);
  std::uint32_t prevEnd = 0;
  for (;;) {
    auto token = lexer.nextToken();
    if (token->getType() == antlr4::Token::EOF) break;
    const auto* t = static_cast<const MagicToken*>(token.get());
    auto begin = static_cast<std::uint32_t>(t->getStartIndex());
    auto end = begin + static_cast<std::uint32_t>(t->textView().size());
    if (begin < prevEnd) continue;  // never go backwards
    comments(text, prevEnd, begin, out);
    ClassifiedToken c{classOf(t->getType()), begin, end};
    if (c.cls == TokenClass::Punctuation && t->textView().size() == 1) {
      char ch = t->textView()[0];
      if (ch == '{' || ch == '}' || ch == '[' || ch == ']' || ch == '(' || ch == ')')
        c.bracket = ch;
    }
    out.push_back(c);
    prevEnd = end;
  }
  comments(text, prevEnd, static_cast<std::uint32_t>(text.size()), out);
  return out;
}

}  // namespace magicc::syntax
