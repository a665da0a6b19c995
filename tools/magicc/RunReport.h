// What a run tells the operator, from the session's events: one line per
// event (a log, CI, --log-file), a ninja-style status line on a terminal, or NDJSON
// events (--json, runtime/session/EventJson.h); per stage a `done` summary
// and `summarize` tables; the failures again at the end and a final count
// line. Everything printed passes through the run's Redactor.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "engine/Redactor.h"
#include "program/Program.h"
#include "session/Events.h"

namespace magicc::driver {

enum class OutputMode { Lines, Status, Json };

class Reporter final : public runtime::EventSink {
 public:
  // Lines and notices go to `out` and `err` (a log file: both the same).
  explicit Reporter(OutputMode mode, std::FILE* out = stdout, std::FILE* err = stderr)
      : mode_(mode), out_(out), err_(err) {}

  // The run's secrets (the session's redactor), hidden in all that is printed.
  void setRedactor(const runtime::Redactor& redactor) { redactor_ = &redactor; }
  // The program the job events are about (set before the run starts).
  void setProgram(const runtime::RunProgram* program);
  // -v: each command's output under its line (in --json, in its event).
  void setVerbose(bool verbose) { verbose_ = verbose; }
  // --log-file: each line begins with the time (UTC, ms), and a failure's
  // output is kept whole (as far as the run kept it), not its last lines.
  void setLogStyle(bool log) { log_ = log; }
  // A line of the log's own (a header, an error that ended the run).
  void write(const std::string& text) { line(text); }
  void event(const runtime::Event& event) override;

  // The visitor's cases, one per event.
  void on(const runtime::RunStarted& e);
  void on(const runtime::JobRestored& e);
  void on(const runtime::JobStarted& e);
  void on(const runtime::JobRetrying& e);
  void on(const runtime::JobFinished& e);
  void on(const runtime::StageFinished& e);
  void on(const runtime::Notice& e);
  void on(const runtime::HostUnreachable& e);
  void on(const runtime::RunFinished& e);

 private:
  std::string label(std::uint32_t job) const;
  void line(const std::string& text);
  // A line outside the event flow, on stderr.
  void notice(const std::string& text);
  void drawStatus(const std::string& current, unsigned running);

  runtime::Redactor none_;
  const runtime::Redactor* redactor_ = &none_;
  const runtime::RunProgram* program_ = nullptr;
  OutputMode mode_;
  std::FILE* out_;
  std::FILE* err_;
  bool log_ = false;
  bool checkOnly_ = false;
  std::size_t total_ = 0, finished_ = 0, failed_ = 0;
  // The status line: what it names, how many run, and whether an interrupt
  // came (nothing new starts).
  std::string current_;
  unsigned running_ = 0;
  bool interrupted_ = false;
  std::vector<std::string> failures_;
  bool statusShown_ = false;
  bool verbose_ = false;
};

// Every event to each of several sinks: the console and --log-file.
class EventTee final : public runtime::EventSink {
 public:
  explicit EventTee(std::vector<runtime::EventSink*> sinks) : sinks_(std::move(sinks)) {}
  void event(const runtime::Event& event) override {
    for (auto* sink : sinks_) sink->event(event);
  }

 private:
  std::vector<runtime::EventSink*> sinks_;
};

}  // namespace magicc::driver
