// magicc run: plan, then run the plan's commands on the engine with the
// local backend. (The state journal, resources, pipelines and the SSH
// backend come with the runtime and SSH issues.)
#include <fmt/format.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <chrono>
#include <cstdio>
#include <charconv>
#include <map>
#include <optional>
#include <random>
#include <thread>

#include "Commands.h"
#include "Compilation.h"
#include "PreparedPlan.h"
#include "backends/Command.h"
#include "backends/LocalRunner.h"
#include "engine/Engine.h"
#include "ir/Graph.h"
#include "plan/Decide.h"
#include "syntax/Parser.h"

namespace magicc::driver {

namespace {

std::string localHostName() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "localhost";
  return name;
}

// A run: field's command line for one target. The literal text is kept as
// written; each ${...} becomes a reference to an environment variable that
// holds the value, so a value can never become shell code: outside quotes
// "$MAGICC_ARG_n" (one word), inside double quotes ${MAGICC_ARG_n}, and
// inside single quotes ${MAGICC_ARG_n} as well, which a nested `sh -c '...'`
// expands from its environment.
std::string renderCommand(const syntax::Expr& run, const plan::Target& target,
                          const ir::ParamValues& params, const std::string& hostName,
                          std::vector<std::pair<std::string, std::string>>& env,
                          std::vector<std::string>& missing) {
  std::string out;
  enum class Quote { None, Single, Double } quote = Quote::None;
  for (const auto& part : run.parts) {
    if (part.kind == syntax::StringPart::Kind::Literal) {
      for (std::size_t i = 0; i < part.text.size(); ++i) {
        char c = part.text[i];
        out += c;
        if (quote != Quote::Single && c == '\\' && i + 1 < part.text.size()) {
          out += part.text[++i];
          continue;
        }
        if (c == '\'' && quote != Quote::Double) quote = quote == Quote::Single ? Quote::None : Quote::Single;
        else if (c == '"' && quote != Quote::Single) quote = quote == Quote::Double ? Quote::None : Quote::Double;
      }
      continue;
    }
    std::string value;
    const std::string& name = part.text;
    if (name == "host.name") value = hostName;
    else if (name == "host.address") value = target.address.empty() ? "127.0.0.1" : target.address;
    else if (name.rfind("host.vars.", 0) == 0) {
      bool found = false;
      for (const auto& [k, v] : target.vars)
        if (k == name.substr(10)) {
          value = v;
          found = true;
        }
      // An unset var is a mistake to report, not an empty string to run with.
      if (!found) missing.push_back(name.substr(10));
    } else if (auto it = params.find(name); it != params.end()) {
      value = it->second;
    }
    std::string var = "MAGICC_ARG_" + std::to_string(env.size());
    env.emplace_back(var, value);
    out += quote == Quote::None ? "\"${" + var + "}\"" : "${" + var + "}";
  }
  return out;
}

// Digits to a number, or nullopt when they do not fit (never an exception).
std::optional<long long> toNumber(std::string_view text) {
  long long n = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return n;
}

std::chrono::milliseconds durationOf(const syntax::Field* f, const ir::ParamValues& params) {
  if (!f) return std::chrono::milliseconds(0);
  if (f->value->kind == syntax::ExprKind::Duration)
    return std::chrono::milliseconds(f->value->intValue);
  if (f->value->kind == syntax::ExprKind::Name) {
    auto it = params.find(f->value->name);
    if (it == params.end()) return std::chrono::milliseconds(0);
    const std::string& v = it->second;
    std::size_t digits = v.find_first_not_of("0123456789");
    auto n = toNumber(std::string_view(v).substr(0, digits));
    std::string unit = digits == std::string::npos ? "" : v.substr(digits);
    long long scale = unit == "ms" ? 1 : unit == "s" ? 1000 : unit == "m" ? 60000 : 3600000;
    // Beyond a year is as good as never.
    constexpr long long kYear = 365LL * 24 * 3600 * 1000;
    if (!n || *n > kYear / scale) return std::chrono::milliseconds(kYear);
    return std::chrono::milliseconds(*n * scale);
  }
  return std::chrono::milliseconds(0);
}

// A count from a literal or an int param, clamped to [0, 1000000].
int countOf(const syntax::Field* f, const ir::ParamValues& params) {
  if (!f) return 0;
  long long n = 0;
  if (f->value->kind == syntax::ExprKind::Int) n = f->value->intValue;
  if (f->value->kind == syntax::ExprKind::Name)
    if (auto it = params.find(f->value->name); it != params.end())
      n = toNumber(it->second).value_or(0);
  return static_cast<int>(std::clamp<long long>(n, 0, 1000000));
}

// One job per kept node per target, plus each target's TaskComplete.
std::vector<runtime::Job> buildJobs(const ir::Graph& graph, const std::vector<plan::Target>& targets,
                                    const plan::KeepMatrix& keep, const ir::ParamValues& params,
                                    std::vector<std::string>& errors) {
  std::vector<runtime::Job> jobs;
  const std::string localName = localHostName();
  std::vector<char> kept;
  std::vector<std::uint32_t> index(graph.nodes.size());
  for (std::size_t t = 0; t < targets.size(); ++t) {
    const plan::Target& target = targets[t];
    keep.row(t, kept);
    const std::string hostName = target.name == "local" ? localName : target.name;
    for (ir::NodeId n = 0; n < graph.nodes.size(); ++n) {
      if (!kept[n]) continue;
      index[n] = static_cast<std::uint32_t>(jobs.size());
      runtime::Job job;
      job.name = graph.nameOf(n);
      job.target = target.name;
      const syntax::BlockDecl& decl = *graph.nodes[n].decl;
      if (const syntax::Field* run = decl.field("run")) {
        if (run->value->kind == syntax::ExprKind::String) {
          std::vector<std::string> missing;
          job.command = renderCommand(*run->value, target, params, hostName, job.env, missing);
          for (const auto& var : missing)
            errors.push_back(fmt::format("item '{}' uses ${{host.vars.{}}}, but target '{}' has no var '{}'",
                                         job.name, var, target.name, var));
        } else if (run->value->kind == syntax::ExprKind::Name) {
          // `run: cmd`: the param holds the whole command line, as given.
          if (auto it = params.find(run->value->name); it != params.end()) job.command = it->second;
        }
      }
      job.retries = countOf(decl.field("retries"), params);
      // A literal was range-checked by `check`; a param's value only now.
      if (const syntax::Field* f = decl.field("retries"); f && f->value->kind == syntax::ExprKind::Name)
        if (auto it = params.find(f->value->name); it != params.end())
          if (auto n = toNumber(it->second); !n || *n < 0)
            errors.push_back(fmt::format("item '{}': retries must be >= 0, found '{}' (param '{}')",
                                         job.name, it->second, f->value->name));
      job.retryDelay = durationOf(decl.field("retry_delay"), params);
      job.timeout = durationOf(decl.field("timeout"), params);
      jobs.push_back(std::move(job));
    }
    auto complete = static_cast<std::uint32_t>(jobs.size());
    runtime::Job taskComplete;
    taskComplete.name = "TaskComplete";
    taskComplete.target = target.name;
    jobs.push_back(std::move(taskComplete));
    std::vector<char> hasDependent(graph.nodes.size(), 0);
    for (const ir::Edge& e : graph.edges) {
      if (!kept[e.from] || !kept[e.to]) continue;
      auto& succ = jobs[index[e.from]].successors;
      if (std::find(succ.begin(), succ.end(), index[e.to]) != succ.end()) continue;
      succ.push_back(index[e.to]);
      ++jobs[index[e.to]].predecessors;
      hasDependent[e.from] = 1;
    }
    for (ir::NodeId n = 0; n < graph.nodes.size(); ++n) {
      if (!kept[n] || hasDependent[n]) continue;
      jobs[index[n]].successors.push_back(complete);
      ++jobs[complete].predecessors;
    }
  }
  return jobs;
}

// One line per event: what a log or a CI console wants.
class ConsoleObserver final : public runtime::Observer {
 public:
  explicit ConsoleObserver(const std::vector<runtime::Job>& jobs) : jobs_(jobs) {}

  void started(std::uint32_t j, int attempt) override {
    if (jobs_[j].command.empty()) return;
    starts_[j] = std::chrono::steady_clock::now();
    print(fmt::format("start   {}{}", label(j), attempt > 1 ? fmt::format(" (attempt {})", attempt) : ""));
  }
  void retrying(std::uint32_t j, int attempt, const runtime::CommandResult& r) override {
    print(fmt::format("retry   {}: {}, attempt {} of {} in {:.1f}s", label(j), why(r), attempt + 1,
                      jobs_[j].retries + 1, jobs_[j].retryDelay.count() / 1000.0));
  }
  void finished(std::uint32_t j, runtime::State state, const runtime::CommandResult* r) override {
    switch (state) {
      case runtime::State::Complete:
        if (jobs_[j].command.empty()) {
          ++ok_;
          return;
        }
        ++changed_;
        print(fmt::format("ok      {} ({:.2f}s)", label(j), seconds(j)));
        return;
      case runtime::State::Failed: {
        ++failed_;
        std::string text = fmt::format("FAILED  {}: {}", label(j), r ? why(*r) : "failed");
        if (r && !r->stderrTail.empty()) text += "\n" + lastLines(r->stderrTail, 5);
        failures_.push_back(text);
        print(text);
        return;
      }
      case runtime::State::Skipped:
        ++skipped_;
        print(fmt::format("skipped {}: a dependency failed", label(j)));
        return;
      default:
        return;
    }
  }
  std::size_t ok() const { return ok_; }
  std::size_t changed() const { return changed_; }
  std::size_t failed() const { return failed_; }
  std::size_t skipped() const { return skipped_; }
  const std::vector<std::string>& failures() const { return failures_; }

 private:
  std::string label(std::uint32_t j) const {
    return jobs_[j].target == "local" ? jobs_[j].name : jobs_[j].target + "/" + jobs_[j].name;
  }
  double seconds(std::uint32_t j) const {
    auto it = starts_.find(j);
    if (it == starts_.end()) return 0;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - it->second).count();
  }
  static std::string why(const runtime::CommandResult& r) {
    if (r.failedToStart) return r.error;
    if (r.timedOut) return "timed out";
    if (r.signal) return fmt::format("killed by signal {}", r.signal);
    return fmt::format("exit {}", r.exitCode);
  }
  static std::string lastLines(const std::string& text, int n) {
    std::string t = text;
    while (!t.empty() && t.back() == '\n') t.pop_back();
    std::size_t pos = t.size();
    for (int i = 0; i < n && pos != std::string::npos && pos > 0; ++i) pos = t.rfind('\n', pos - 1);
    std::string tail = pos == std::string::npos ? t : t.substr(pos + 1);
    std::string out;
    std::size_t start = 0;
    while (start <= tail.size()) {
      std::size_t end = tail.find('\n', start);
      out += "  | " + tail.substr(start, end - start) + (end == std::string::npos ? "" : "\n");
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return out;
  }
  static void print(const std::string& line) {
    std::fputs((line + "\n").c_str(), stdout);
    std::fflush(stdout);
  }

  const std::vector<runtime::Job>& jobs_;
  std::map<std::uint32_t, std::chrono::steady_clock::time_point> starts_;
  std::size_t ok_ = 0, changed_ = 0, failed_ = 0, skipped_ = 0;
  std::vector<std::string> failures_;
};

std::string newRunId() {
  std::random_device rd;
  return fmt::format("{:08x}{:08x}", rd(), rd());
}

}  // namespace

int runRun(const RunOptions& options) {
  if (!options.plan.pipeline.empty()) {
    std::fprintf(stderr, "magicc: error: running pipelines is not implemented yet; "
                         "`magicc plan` shows what it would do\n");
    return kExitUsage;
  }
  if (options.backend != "local") {
    std::fprintf(stderr, "magicc: error: the %s backend is not implemented yet; use --backend local\n",
                 options.backend.c_str());
    return kExitUsage;
  }
  PreparedPlan prepared;
  if (int code = preparePlan(options.plan, prepared); code != kExitOk) return code;

  auto started = std::chrono::steady_clock::now();
  std::vector<std::string> errors;
  std::vector<runtime::Job> jobs = buildJobs(*prepared.graph, prepared.targets, prepared.keep,
                                             prepared.paramSet.values, errors);
  if (!errors.empty()) {
    // Before anything runs: a half-configured command is worse than none.
    for (const auto& e : errors) std::fprintf(stderr, "magicc: error: %s\n", e.c_str());
    return kExitProgramErrors;
  }
  boost::asio::io_context io;
  runtime::LocalRunner runner(io, {newRunId()});
  ConsoleObserver console(jobs);
  runtime::EngineOptions engineOptions;
  engineOptions.jobs = options.jobs > 0 ? options.jobs
                                        : std::max(1u, std::thread::hardware_concurrency());
  engineOptions.keepGoing = options.keepGoing;
  runtime::Engine engine(io, jobs, runner, console, engineOptions);  // console reads `jobs`

  // Ctrl-C: start nothing new and let running work finish; a second one kills it.
  boost::asio::signal_set interrupts(io, SIGINT, SIGTERM);
  int interruptsSeen = 0;
  std::function<void()> watch = [&] {
    interrupts.async_wait([&](const boost::system::error_code& ec, int) {
      if (ec) return;
      if (++interruptsSeen == 1) {
        std::fprintf(stderr, "magicc: interrupted: waiting for %u running commands "
                             "(interrupt again to kill them)\n", engine.running());
        engine.stopStarting();
      } else {
        runner.killAll();
      }
      watch();
    });
  };
  watch();
  // Once nothing runs and nothing more will start, the run is over: stop the
  // loop (the signal watchers would otherwise keep it waiting).
  engine.start([&] {
    interrupts.cancel();
    runner.shutdown();
    io.stop();
  });
  io.run();

  runtime::RunSummary summary = engine.summary();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::string last = fmt::format("{} ok, {} changed, {} failed, {} skipped in {:.2f}s",
                                 console.ok(), console.changed(), console.failed(),
                                 console.skipped() + summary.notRun, secs);
  if (!console.failures().empty()) {
    std::fputs("\nfailed:\n", stdout);
    for (const auto& f : console.failures()) std::fputs((f + "\n").c_str(), stdout);
  }
  std::fputs((last + "\n").c_str(), stdout);
  if (summary.interrupted) return 130;
  return summary.failed > 0 ? kExitProgramErrors : kExitOk;
}

}  // namespace magicc::driver
