// The canonical layout of a magic file (magicc fmt, the language server's
// formatting). It re-spaces the tokens and re-indents the lines, keeps every
// comment and the author's line breaks (at most one blank line in a row),
// aligns the trailing comments of consecutive lines, and ends the file with
// one newline. It only ever changes whitespace: the result is lexed again
// and must give the same tokens and comments, or nothing is changed.
// Formatting its own output changes nothing.
#pragma once

#include <string>
#include <string_view>

namespace magicc::format {

struct FormatResult {
  std::string text;
  std::string error;  // why the file was left as it is (it does not lex)
  bool ok() const { return error.empty(); }
};

FormatResult formatSource(std::string_view text);

}  // namespace magicc::format
