#include "plan/Decide.h"

#include <chrono>

#include "cond/Engine.h"
#include "jit/Jit.h"

namespace magicc::plan {

namespace {

// Measured on the fleet benchmark (docs/jit.md): the interpreter costs about
// 0.34 ns per op per batch of 64 hosts, compiled code about 0.18 ns; compiling
// costs about 7 us per op plus 15 ms to set up ORC. `auto` compiles when the
// interpreter would take longer than compiling and running compiled code,
// which takes millions of hosts: planning rarely repays a JIT.
constexpr double kInterpreterNsPerOpBatch = 0.34;
constexpr double kCompiledNsPerOpBatch = 0.18;
constexpr double kCompileNsPerOp = 7000;
constexpr double kCompileFixedNs = 15e6;

double msSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace

bool decide(const ir::Graph& graph, const std::vector<Target>& targets,
            const ir::ParamValues& params, JitMode mode, KeepMatrix& keep, DecideStats& stats) {
  auto prepared = std::chrono::steady_clock::now();
  cond::Program program = cond::compileProgram(graph.conditions, params);
  std::vector<const ir::Requirements*> hosts;
  hosts.reserve(targets.size());
  for (const Target& t : targets) hosts.push_back(&t.reqs);
  cond::HostMatrix matrix = cond::buildHostMatrix(program, hosts);
  stats.evaluations = program.conditionCount() * targets.size();
  stats.ops = program.ops.size();
  stats.batches = matrix.batches;
  stats.prepareMs = msSince(prepared);

  bool useJit = mode == JitMode::On;
  if (mode == JitMode::Auto) {
    double ops = static_cast<double>(program.ops.size());
    double batches = static_cast<double>(matrix.batches);
    double interpret = ops * batches * kInterpreterNsPerOpBatch;
    double compiled =
        kCompileFixedNs + ops * kCompileNsPerOp + ops * batches * kCompiledNsPerOpBatch;
    // Loading the JIT costs memory: only when the estimate says it pays.
    useJit = compiled < interpret && jit::available();
    stats.note =
        useJit ? "auto: the work repays compiling" : "auto: too little work to repay compiling";
  }
  std::unique_ptr<cond::Engine> engine;
  if (useJit) {
    auto start = std::chrono::steady_clock::now();
    std::string error;
    engine = jit::compile(program, error);
    stats.compileMs = msSince(start);
    if (!engine) {
      stats.note = error;
      if (mode == JitMode::On) return false;
    }
  }
  if (!engine) engine = cond::makeInterpreter(program);
  stats.engine = engine->name();
  keep.graph = &graph;
  keep.batches = matrix.batches;
  auto evaluating = std::chrono::steady_clock::now();
  engine->evaluate(matrix, keep.masks);
  stats.evaluateMs = msSince(evaluating);
  return true;
}

}  // namespace magicc::plan
