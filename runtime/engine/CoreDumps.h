// A run holds secrets in memory (params, passwords, secret outputs): a core
// dump of magicc would write them to disk, readable by whoever reads cores.
#pragma once

#include <sys/prctl.h>

namespace magicc::runtime {

// Marks this process non-dumpable: no core file, no ptrace by other
// processes of the same user. Commands magicc starts are not affected
// (execve makes them dumpable again).
inline bool keepOutOfCoreDumps() {
  return ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
}

}  // namespace magicc::runtime
