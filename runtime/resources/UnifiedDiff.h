// Two texts compared line by line (dtl's O(NP) edit script), printed as
// the hunks of a unified diff: `@@ -a,b +c,d @@`, `context` unchanged lines
// around each change, "\ No newline at end of file" as diff(1) prints it.
// The file headers (--- / +++) are the caller's.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace magicc::runtime {

struct UnifiedDiff {
  std::string hunks;                   // "" when the texts are equal
  std::size_t added = 0, removed = 0;  // lines
};

UnifiedDiff unifiedDiff(std::string_view before, std::string_view after, std::size_t context = 3);

}  // namespace magicc::runtime
