// The characters of magic's names, shared by the lexer and the string
// literal's `${name}` interpolation so both agree on what a name is.
#pragma once

namespace magicc::syntax {

inline bool isIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
inline bool isIdentChar(char c) {
  return isIdentStart(c) || (c >= '0' && c <= '9');
}

}  // namespace magicc::syntax
