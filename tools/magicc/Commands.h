// The driver's subcommands. Each returns the process exit code:
// 0 clean, 1 errors in the program, 2 usage or I/O errors.
#pragma once

#include <string>
#include <vector>

#include "DiagnosticOutput.h"

namespace magicc::driver {

inline constexpr int kExitOk = 0;
inline constexpr int kExitProgramErrors = 1;
inline constexpr int kExitUsage = 2;

struct CheckOptions {
  std::vector<std::string> files;
  bool syntaxOnly = false;  // parse only; semantic analysis is skipped
  DiagnosticOptions diagnostics;
};

int runCheck(const CheckOptions& options);

struct PlanOptions {
  std::string file;                      // a .mm program, or a saved plan .json
  std::string pipeline;                  // empty: items and resources only
  std::vector<std::string> require;      // -r a,b (repeatable)
  std::vector<std::string> defines;      // -D name=value
  std::vector<std::string> inventories;  // -i FILE (repeatable)
  std::string hosts;                     // --hosts COND
  std::string format = "text";           // text, json or dot
  std::string output;                    // -o FILE: save the JSON plan
  bool stats = false;                    // counts and phase times instead of the plan
  std::string jit = "auto";              // on, off or auto
  DiagnosticOptions diagnostics;
};

int runPlan(const PlanOptions& options);

struct RunOptions {
  PlanOptions plan;   // what to run: the same inputs as plan
  unsigned jobs = 0;  // -j: commands at once (0: the number of cores)
  bool keepGoing = false;
  std::string backend;         // local or ssh for every host; empty: per host (ansible_connection)
  bool checkOnly = false;      // --check: checks only, nothing applied or created
  std::string state;           // --state: the journal (default .magicc/state.db beside the program)
  bool resume = false;         // --resume: finish the last unfinished run
  bool stopLeftovers = false;  // --resume: stop what the killed run left running, not wait
  bool json = false;           // --json: NDJSON events
  bool verbose = false;        // -v: each command's output
  std::string sshConfig;       // --ssh-config: ssh -F
  bool sshAcceptNew = false;   // --ssh-accept-new: accept unknown host keys on first use
  int sshConnectTimeout = 10;
  bool skipUnreachable = false;
};

int runRun(const RunOptions& options);

// make-magic item JSON to magic, on stdout.
int runImport(const std::string& file);

}  // namespace magicc::driver
