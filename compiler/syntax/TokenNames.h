// How tokens are named in messages: in the language's words, never ANTLR's.
#pragma once

#include <Token.h>
#include <misc/IntervalSet.h>

#include <string>

namespace magicc::syntax {

// "end of file", "'{'", "string \"abc\"", "'depends'".
std::string describeToken(const antlr4::Token* token);
// The name of a token type as the user would write it: "':'", "a name".
std::string tokenTypeName(std::size_t type);
// "':' or '='", "a value", "a name or '}'"; lists at most a few choices.
std::string describeExpected(const antlr4::misc::IntervalSet& expected);

}  // namespace magicc::syntax
