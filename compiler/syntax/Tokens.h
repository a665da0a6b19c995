// The tokens and comments of a text, classified for editors (semantic
// highlighting, folding, completion context). Bad input never stops it:
// what does not lex is a Bad token and the rest follows.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace magicc::syntax {

enum class TokenClass : std::uint8_t {
  Keyword,
  Name,
  String,
  Number,    // integers and durations
  Operator,  // -> ~> == != ! & | = ? $
  Punctuation,
  Comment,
  Bad,
};

struct ClassifiedToken {
  TokenClass cls;
  std::uint32_t begin;
  std::uint32_t end;
  char bracket = 0;  // '{', '}', '[', ']', '(' or ')' for brackets
};

// In source order, comments included.
std::vector<ClassifiedToken> classifyTokens(std::string_view text);

}  // namespace magicc::syntax
