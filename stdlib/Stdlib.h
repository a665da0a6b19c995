// The embedded standard library: the built-in kinds every program sees.
#pragma once

#include <string_view>

namespace magicc::stdlib {

// The name under which the standard library appears in diagnostics.
inline constexpr std::string_view kCoreName = "<stdlib>/core.mm";
// The text of stdlib/core.mm, as built into this binary.
std::string_view coreSource();

}  // namespace magicc::stdlib
