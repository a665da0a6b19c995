#include "syntax/TokenNames.h"

#include <fmt/format.h>

#include <vector>

#include "MagicParser.h"
#include "support/Utf8.h"

namespace magicc::syntax {

using P = grammar::MagicParser;

std::string tokenTypeName(std::size_t type) {
  switch (type) {
    case P::EOF:
      return "end of file";
    case P::ID:
      return "a name";
    case P::STRING:
      return "a string";
    case P::INT:
      return "an integer";
    case P::DURATION:
      return "a duration";
    default:
      break;
  }
  // Keywords and punctuation are named by their text.
  struct Spelling {
    std::size_t type;
    const char* text;
  };
  static constexpr Spelling kSpellings[] = {
      {P::IMPORT, "import"}, {P::PARAM, "param"},
      {P::HOST, "host"},     {P::INVENTORY, "inventory"},
      {P::ITEM, "item"},     {P::RESOURCE, "resource"},
      {P::KIND, "kind"},     {P::IN, "in"},
      {P::OUT, "out"},       {P::PIPELINE, "pipeline"},
      {P::STAGE, "stage"},   {P::TRUE, "true"},
      {P::FALSE, "false"},   {P::MATCHES, "matches"},
      {P::ARROW, "->"},      {P::TILDE_ARROW, "~>"},
      {P::EQ, "=="},         {P::NEQ, "!="},
      {P::LBRACE, "{"},      {P::RBRACE, "}"},
      {P::LPAREN, "("},      {P::RPAREN, ")"},
      {P::LBRACKET, "["},    {P::RBRACKET, "]"},
      {P::COLON, ":"},       {P::COMMA, ","},
      {P::SEMI, ";"},        {P::DOT, "."},
      {P::BANG, "!"},        {P::AMP, "&"},
      {P::PIPE, "|"},        {P::DOLLAR, "$"},
      {P::QUESTION, "?"},    {P::ASSIGN, "="},
  };
  for (const auto& s : kSpellings)
    if (s.type == type) return fmt::format("'{}'", s.text);
  return "a token";
}

std::string describeToken(const antlr4::Token* token) {
  if (!token || token->getType() == P::EOF) return "end of file";
  std::string text = token->getText();
  switch (token->getType()) {
    case P::STRING:
      return fmt::format("string {}", support::printable(text, 30));
    case P::INT:
    case P::DURATION:
      return fmt::format("'{}'", support::printable(text));
    default:
      return fmt::format("'{}'", support::printable(text));
  }
}

namespace {

bool startsValue(std::size_t type) {
  switch (type) {
    case P::STRING:
    case P::INT:
    case P::DURATION:
    case P::TRUE:
    case P::FALSE:
    case P::LBRACKET:
    case P::LBRACE:
    case P::LPAREN:
    case P::BANG:
    case P::DOLLAR:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string describeExpected(const antlr4::misc::IntervalSet& expected) {
  std::vector<std::string> names;
  bool value = false;
  // Only where literals may stand is a value expected; '(' or '{' alone is
  // named as itself ("expected '{'").
  const bool valuePosition = expected.contains(static_cast<std::size_t>(P::STRING)) &&
                             expected.contains(static_cast<std::size_t>(P::INT));
  for (auto type : expected.toList()) {
    if (type == static_cast<decltype(type)>(antlr4::Token::EPSILON)) continue;
    auto t = static_cast<std::size_t>(type);
    if (valuePosition && startsValue(t)) {
      value = true;
      continue;
    }
    names.push_back(tokenTypeName(t));
  }
  if (value) {
    // A name is one kind of value; say "a value" once.
    std::erase(names, std::string("a name"));
    names.insert(names.begin(), "a value");
  }
  if (names.empty()) return "something else";
  if (names.size() > 4) names.resize(4);
  std::string out = names[0];
  for (std::size_t i = 1; i < names.size(); ++i)
    out += (i + 1 == names.size() ? " or " : ", ") + names[i];
  return out;
}

}  // namespace magicc::syntax
