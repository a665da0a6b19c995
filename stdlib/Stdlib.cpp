#include "Stdlib.h"

namespace magicc::stdlib {

extern const char kCoreSource[];

std::string_view coreSource() {
  return kCoreSource;
}

}  // namespace magicc::stdlib
