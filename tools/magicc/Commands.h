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

}  // namespace magicc::driver
