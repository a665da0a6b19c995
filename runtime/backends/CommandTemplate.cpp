#include "backends/CommandTemplate.h"

#include "backends/Command.h"

namespace magicc::runtime {

std::string displayCommand(const std::string& rendered, const Values& env) {
  // One pass, left to right: a value is never searched again, so a value
  // that looks like a reference stays as it is.
  auto valueOf = [&](std::string_view name) -> const std::string* {
    for (const auto& [k, v] : env)
      if (k == name) return &v;
    return nullptr;
  };
  std::string out;
  std::size_t i = 0;
  while (i < rendered.size()) {
    bool quoted = rendered.compare(i, 4, "\"${M") == 0;
    std::size_t open = quoted ? i + 1 : i;
    if (rendered.compare(open, 13, "${MAGICC_ARG_") == 0) {
      std::size_t close = rendered.find('}', open);
      if (close != std::string::npos) {
        std::string_view name(rendered.data() + open + 2, close - open - 2);
        if (const std::string* v = valueOf(name)) {
          bool wrapped = quoted && close + 1 < rendered.size() && rendered[close + 1] == '"';
          if (quoted && wrapped) {
            out += shellQuote(*v);
            i = close + 2;
            continue;
          }
          if (quoted) out += '"';
          out += *v;
          i = close + 1;
          continue;
        }
      }
    }
    out += rendered[i++];
  }
  return out;
}

}  // namespace magicc::runtime
