// What a long-running server (`magicc agent`, `magicc serve`) sets up for
// its process before it listens.
#pragma once

#include <cstddef>

namespace magicc::driver {

// Servers hold a descriptor per connection. The soft limit on open files
// (often 1024) is raised to the hard one, and the cap on connections kept
// below it: at the cap the server closes an idle connection or answers 503,
// where out of descriptors it could only stall. Returns the soft limit now
// in force.
std::size_t raiseOpenFileLimit();

// `wanted`, or fewer when the descriptors would not suffice: a quarter of
// them (at most 256) stays for everything else (jobs' pipes, logs, stores).
std::size_t connectionCap(std::size_t wanted, std::size_t fileLimit);

// tcmalloc (when magicc is linked with it) lets its per-thread caches grow
// to 32 MiB in all, slowly: a server's RSS crept up for minutes under a
// steady load. Bounded to 4 MiB, it stays flat (docs/reliability.md).
void boundAllocatorCaches();

}  // namespace magicc::driver
