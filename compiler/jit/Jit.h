// The LLVM ORC JIT for conditions: the same Program the interpreter runs,
// compiled into native functions that decide every condition for a batch of
// 64 hosts (one word per condition, straight-line bitwise code).
#pragma once

#include <memory>
#include <string>

#include "cond/Engine.h"

namespace magicc::jit {

// Whether this magicc was built with the JIT (MAGICC_ENABLE_JIT and LLVM 14).
bool available();

// The JIT module this magicc loads when it compiles conditions, without
// loading it: `magicc --version` names it. Empty when built without the JIT.
std::string modulePath();

// Compiles `program`; nullptr with `error` set when that is not possible.
// The program must outlive the engine.
std::unique_ptr<cond::Engine> compile(const cond::Program& program, std::string& error);

}  // namespace magicc::jit
