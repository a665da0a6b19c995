// ANTLR's CommonTokenStream keeps every token of a file until the stream is
// destroyed. Declarations are parsed one at a time and their tokens are not
// needed once the AST is built, so this stream frees them as parsing moves on:
// memory stays proportional to the largest declaration, not to the file.
#pragma once

#include <CommonTokenStream.h>

#include <algorithm>

namespace magicc::syntax {

class DeclarationTokenStream final : public antlr4::CommonTokenStream {
 public:
  using antlr4::CommonTokenStream::CommonTokenStream;

  // Frees the tokens before `index`, keeping a few for ANTLR's look-behind (LT(-1)).
  void releaseBefore(std::size_t index) {
    constexpr std::size_t kKeep = 4;
    if (index <= kKeep) return;
    std::size_t end = std::min(index - kKeep, _tokens.size());
    for (; released_ < end; ++released_) _tokens[released_].reset();
  }

 private:
  std::size_t released_ = 0;
};

}  // namespace magicc::syntax
