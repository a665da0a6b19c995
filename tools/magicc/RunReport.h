// What a run tells the operator: one line per event (a log, CI), a ninja-
// style status line on a terminal, or NDJSON events (--json); per stage a
// `done` summary and `summarize` tables; the failures again at the end and a
// final count line. Everything printed passes through the run's Redactor.
#pragma once

#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "RunJobs.h"
#include "engine/Engine.h"
#include "engine/Redactor.h"

namespace magicc::driver {

enum class OutputMode { Lines, Status, Json };

class Reporter final : public runtime::Observer {
 public:
  Reporter(const RunProgram& program, const runtime::Redactor& redactor, OutputMode mode,
           bool checkOnly, std::string runId);

  void setEngine(const runtime::Engine* engine) { engine_ = engine; }
  // -v: each command's output under its line (in --json, in its event).
  void setVerbose(bool verbose) { verbose_ = verbose; }
  void begin();
  void restored(std::uint32_t job, runtime::State state);
  void started(std::uint32_t job, int attempt) override;
  void finished(std::uint32_t job, runtime::State state,
                const runtime::CommandResult* result) override;
  void retrying(std::uint32_t job, int attempt, const runtime::CommandResult& result) override;
  // Prints the failures again and the count line; returns the exit code.
  int end(const runtime::RunSummary& summary, double seconds);
  // A line outside the event flow (e.g. the interrupt notice), on stderr.
  void notice(const std::string& text);

 private:
  struct StageState {
    std::size_t done = 0, ok = 0, failed = 0, skipped = 0;
    std::chrono::steady_clock::time_point first{}, last{};
    bool started = false, reported = false;
    std::map<std::string, std::size_t> outputs;  // summarize: output -> tasks
  };
  std::string label(std::uint32_t job) const;
  void line(const std::string& text);
  void event(nlohmann::ordered_json e);
  void drawStatus(const std::string& current);
  void stageProgress(std::uint32_t job, runtime::State state, const runtime::CommandResult* result);
  double seconds(std::uint32_t job) const;
  std::string why(const runtime::CommandResult& r) const;

  const RunProgram& program_;
  const runtime::Redactor& redactor_;
  const runtime::Engine* engine_ = nullptr;
  OutputMode mode_;
  bool checkOnly_;
  std::string runId_;
  std::map<std::uint32_t, std::chrono::steady_clock::time_point> starts_;
  std::vector<StageState> stages_;
  std::size_t total_ = 0, finished_ = 0;
  std::size_t ok_ = 0, changed_ = 0, failed_ = 0, skipped_ = 0, before_ = 0;
  std::vector<std::string> failures_;
  bool statusShown_ = false;
  bool verbose_ = false;
};

}  // namespace magicc::driver
