#include "support/Json.h"

#include <fmt/format.h>

namespace magicc::support {

std::size_t findJsonTooDeep(std::string_view text, std::size_t maxDepth) {
  std::size_t depth = 0;
  bool inString = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\')
        ++i;  // the escaped byte cannot end the string
      else if (c == '"')
        inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > maxDepth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

std::string jsonTooDeepError(std::size_t offset, std::size_t maxDepth) {
  return fmt::format("JSON nested deeper than {} levels at byte {}", maxDepth, offset + 1);
}

}  // namespace magicc::support
