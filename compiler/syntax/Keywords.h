// The language's keywords (`item`, `true`, ...): never a name. Who writes
// magic text (the make-magic import, renames) quotes a name that is one.
#pragma once

#include <string_view>

namespace magicc::syntax {

bool isKeyword(std::string_view word);

}  // namespace magicc::syntax
