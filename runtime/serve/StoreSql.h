// SQL pieces both stores build from a request: JSON paths for field names.
#pragma once

#include <string>
#include <string_view>

namespace magicc::serve {

// `$."name"`: SQLite's JSON path to a top-level field. Field names with a
// double quote are refused before they reach a store (TaskApi).
inline std::string jsonPath(std::string_view field) {
  return "$.\"" + std::string(field) + "\"";
}

}  // namespace magicc::serve
