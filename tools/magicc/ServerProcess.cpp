#include "ServerProcess.h"

#include <sys/resource.h>

#include <algorithm>
#include <limits>

#ifdef MAGICC_TCMALLOC
#include <gperftools/malloc_extension_c.h>
#endif

namespace magicc::driver {

std::size_t raiseOpenFileLimit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  if (limit.rlim_cur == RLIM_INFINITY) return std::numeric_limits<std::size_t>::max();
  return static_cast<std::size_t>(limit.rlim_cur);
}

std::size_t connectionCap(std::size_t wanted, std::size_t fileLimit) {
  std::size_t reserve = std::min<std::size_t>(256, fileLimit / 4);
  std::size_t usable = fileLimit > reserve ? fileLimit - reserve : 1;
  return std::max<std::size_t>(1, std::min(wanted, usable));
}

void boundAllocatorCaches() {
#ifdef MAGICC_TCMALLOC
  MallocExtension_SetNumericProperty("tcmalloc.max_total_thread_cache_bytes", 4u << 20);
#endif
}

}  // namespace magicc::driver
