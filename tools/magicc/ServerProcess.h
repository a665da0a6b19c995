// Servers hold a descriptor per connection. The soft limit on open files
// (often 1024) is raised to the hard one when a server starts, and the cap
// on connections is kept below it: at the cap the server closes an idle
// connection or answers 503, where out of descriptors it could only stall.
#pragma once

#include <cstddef>

namespace magicc::driver {

// Raises the soft RLIMIT_NOFILE to the hard limit; returns the soft limit
// now in force.
std::size_t raiseOpenFileLimit();

// `wanted`, or fewer when the descriptors would not suffice: a quarter of
// them (at most 256) stays for everything else (jobs' pipes, logs, stores).
std::size_t connectionCap(std::size_t wanted, std::size_t fileLimit);

}  // namespace magicc::driver
