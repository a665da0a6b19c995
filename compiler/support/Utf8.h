// UTF-8 validation and escaping, shared by the lexer and the renderers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace magicc::support {

// Length of the valid UTF-8 sequence at the start of `s`, or 0 when the bytes
// there are not valid UTF-8 (overlong forms, surrogates and truncation included).
std::size_t utf8SequenceLength(std::string_view s);

// Text safe to quote in a message: valid UTF-8 kept, invalid bytes and the
// bytes of every character findUnprintable() rejects written as \xNN, at most
// `limit` bytes of input shown.
std::string printable(std::string_view s, std::size_t limit = 40);

// The offset of the first character of `s` that is not printable text, or
// npos: invalid UTF-8, C0 and C1 control characters, DEL, the line and
// paragraph separators and the bidirectional controls (which reorder what a
// terminal shows). Names from input (hosts, groups) must pass.
std::size_t findUnprintable(std::string_view s);

}  // namespace magicc::support
