// The engine's own cost per job, without processes or a journal: 100k jobs
// in layers of 1000, each after two jobs of the layer before (as in
// bench/gen_dag.py), all milestones (no command) or all commands finished by
// an instant runner. Reported per job.
#include <benchmark/benchmark.h>

#include <boost/asio/post.hpp>
#include <random>

#include "engine/Engine.h"

namespace {

using namespace magicc::runtime;

std::vector<Job> layeredDag(std::size_t n, std::size_t width, JobKind kind) {
  std::vector<Job> jobs(n);
  std::mt19937 rng(7);
  for (std::size_t i = 0; i < n; ++i) {
    jobs[i].name = std::to_string(i);
    jobs[i].kind = kind;
    if (i < width) continue;
    std::size_t base = (i / width - 1) * width;
    for (int k = 0; k < 2; ++k) {
      auto from = static_cast<std::uint32_t>(base + rng() % width);
      auto& succ = jobs[from].successors;
      if (std::find(succ.begin(), succ.end(), i) != succ.end()) continue;
      succ.push_back(static_cast<std::uint32_t>(i));
      ++jobs[i].predecessors;
    }
  }
  return jobs;
}

class InstantRunner final : public JobRunner {
 public:
  explicit InstantRunner(boost::asio::io_context& io) : io_(io) {}
  void start(const Job&, const StartContext&, std::function<void(CommandResult)> done) override {
    boost::asio::post(io_, [done = std::move(done)] { done(CommandResult{}); });
  }
  void killAll() override {}

 private:
  boost::asio::io_context& io_;
};

class NullObserver final : public Observer {
 public:
  void started(std::uint32_t, int) override {}
  void finished(std::uint32_t, State, const CommandResult*) override {}
  void retrying(std::uint32_t, int, const CommandResult&) override {}
};

void run(benchmark::State& state, JobKind kind) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  const std::vector<Job> dag = layeredDag(n, 1000, kind);
  for (auto _ : state) {
    boost::asio::io_context io;
    InstantRunner runner(io);
    NullObserver observer;
    Engine engine(io, dag, runner, observer, EngineOptions{2, false, {}});
    engine.start([&] { io.stop(); });
    io.run();
    if (engine.summary().ok != n) state.SkipWithError("not every job completed");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
  // Seconds per job (shown with an SI prefix: 195n is 195 ns).
  state.counters["per_job"] =
      benchmark::Counter(static_cast<double>(state.iterations() * n),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_Milestones(benchmark::State& state) {
  run(state, JobKind::Milestone);
}
void BM_InstantCommands(benchmark::State& state) {
  run(state, JobKind::Command);
}

BENCHMARK(BM_Milestones)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_InstantCommands)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
