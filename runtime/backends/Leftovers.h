// Commands a killed run left running. A command runs in its own process
// group and carries MAGICC_RUN_ID, MAGICC_NODE and MAGICC_HOST in its
// environment (set before it starts, inherited by what it starts); its
// process group is also journaled once it is spawned. `--resume` finds what
// is still alive by either mark, and waits for it or stops it before the
// same tasks run again: never two copies of one task at once.
#pragma once

#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace magicc::runtime {

struct LeftoverProcess {
  int pid = 0, pgid = 0;
  std::string node, host;  // from its environment, when it kept it
};

// Live processes (not zombies, not this one) of run `runId`: by their
// environment, or by a process group in `groups` with a process started no
// earlier than `since` (seconds since the epoch: a reused group id is older).
std::vector<LeftoverProcess> findLeftovers(const std::string& runId, const std::set<int>& groups,
                                           double since);

// Waits until none of `processes` is alive; `stop` ends the wait early when
// it returns true. Returns whether they are all gone.
bool waitForExit(const std::vector<LeftoverProcess>& processes, const std::function<bool()>& stop);

// SIGTERM to each process group, SIGKILL to what is left after `grace`.
void stopLeftovers(const std::vector<LeftoverProcess>& processes, std::chrono::milliseconds grace);

}  // namespace magicc::runtime
