// Deciding every node's condition for every target with a condition engine:
// the interpreter, or the JIT when asked for or (auto) when the work repays
// compiling.
#pragma once

#include <string>

#include "plan/Plan.h"

namespace magicc::plan {

enum class JitMode { Off, On, Auto };

struct DecideStats {
  std::string engine;     // "interpreter" or "jit"
  double prepareMs = 0;   // lowering to bitset form and building the host matrix
  double compileMs = 0;   // JIT compile time, when it compiled
  double evaluateMs = 0;  // the engine deciding every condition for every host
  std::size_t ops = 0, batches = 0;
  std::size_t evaluations = 0;  // node-target pairs decided by a condition
  std::string note;             // why auto chose as it did, or why the JIT was not used
};

// Returns false (with stats.note saying why) only when --jit on cannot be honoured.
bool decide(const ir::Graph& graph, const std::vector<Target>& targets,
            const ir::ParamValues& params, JitMode mode, KeepMatrix& keep, DecideStats& stats);

}  // namespace magicc::plan
