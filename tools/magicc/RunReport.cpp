#include "RunReport.h"

#include <fmt/format.h>

#include <fmt/chrono.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "session/EventJson.h"

namespace magicc::driver {

using runtime::State;
using runtime::trimEnd;

namespace {

// The last `n` lines of `text`, each prefixed for a report.
std::string lastLines(const std::string& text, int n) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  std::string t = trimEnd(text);
  while (start < t.size()) {
    std::size_t end = t.find('\n', start);
    if (end == std::string::npos) end = t.size();
    lines.push_back(t.substr(start, end - start));
    start = end + 1;
  }
  std::string out;
  std::size_t first = lines.size() > static_cast<std::size_t>(n) ? lines.size() - n : 0;
  for (std::size_t i = first; i < lines.size(); ++i)
    out += (out.empty() ? "  | " : "\n  | ") + lines[i];
  return out;
}

}  // namespace

void Reporter::setProgram(const runtime::RunProgram* program) {
  program_ = program;
  total_ = 0;
  if (program)
    for (const auto& j : program->jobs)
      if (j.runs()) ++total_;
}

void Reporter::event(const runtime::Event& event) {
  if (mode_ == OutputMode::Json && program_) {
    runtime::EventJsonOptions options;
    options.verbose = verbose_;
    if (auto json = runtime::eventJson(event, *program_, options)) {
      // Counted for the end's count line only in the other modes.
      std::fputs((runtime::eventJsonLine(std::move(*json), *redactor_) + "\n").c_str(), out_);
      std::fflush(out_);
      return;
    }
  }
  std::visit([this](const auto& e) { on(e); }, event);
}

std::string Reporter::label(std::uint32_t j) const {
  const runtime::Job& job = program_->jobs[j];
  std::string name = job.target == "local" ? job.name : job.target + "/" + job.name;
  if (!job.each.empty()) name += "[" + job.each + "]";
  return name;
}

// --log-file: "2026-12-01T03:40:12.345Z " before every line of `text`.
std::string timestamped(const std::string& text) {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  std::string stamp = fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z ",
                                  fmt::gmtime(std::chrono::system_clock::to_time_t(now)),
                                  static_cast<int>(ms.count()));
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    out += stamp + text.substr(start, end == std::string::npos ? end : end - start) + "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

void Reporter::line(const std::string& text) {
  std::string out = redactor_->redact(text);
  if (mode_ == OutputMode::Status && statusShown_) out = "\r\x1b[K" + out;
  out = log_ ? timestamped(out) : out + "\n";
  std::fputs(out.c_str(), out_);
  std::fflush(out_);
  statusShown_ = false;
}

void Reporter::notice(const std::string& text) {
  if (mode_ == OutputMode::Status && statusShown_) {
    std::fputs("\r\x1b[K", out_);
    statusShown_ = false;
  }
  std::fflush(out_);
  std::string out = redactor_->redact(text);
  std::fputs((log_ ? timestamped(out) : out + "\n").c_str(), err_);
  std::fflush(err_);
}

void Reporter::drawStatus(const std::string& current, unsigned running) {
  if (mode_ != OutputMode::Status) return;
  running_ = running;
  if (!current.empty()) current_ = current;
  // Interrupted: only what still runs is left; what will not run is neither
  // named nor counted.
  std::size_t total = interrupted_ ? finished_ + running : total_;
  std::string text = interrupted_
                         ? fmt::format("[{}/{}] interrupted: waiting for {} running ({} failed)",
                                       finished_, total, running, failed_)
                         : fmt::format("[{}/{}] {} ({} running, {} failed)", finished_, total,
                                       current_, running, failed_);
  std::fputs(("\r\x1b[K" + redactor_->redact(text)).c_str(), out_);
  std::fflush(out_);
  statusShown_ = true;
}

void Reporter::on(const runtime::Notice& e) {
  notice(e.text);
  if (!e.interrupt) return;
  interrupted_ = true;
  if (mode_ == OutputMode::Status && running_) drawStatus({}, running_);
}

void Reporter::on(const runtime::HostUnreachable& e) {
  notice(fmt::format("magicc: {}: {}: {}", e.fatal ? "error" : "warning", e.host, e.error));
}

void Reporter::on(const runtime::RunStarted& e) {
  checkOnly_ = e.checkOnly;
  if (e.restored)
    line(fmt::format("resuming run {}: {} nodes complete from before", e.runId, e.restored));
}

void Reporter::on(const runtime::JobRestored& e) {
  if (program_->jobs[e.job].runs()) ++finished_;
}

void Reporter::on(const runtime::JobStarted& e) {
  const runtime::Job& job = program_->jobs[e.job];
  if (mode_ == OutputMode::Status)
    drawStatus(label(e.job), e.running);
  else if ((job.kind == runtime::JobKind::Command || job.kind == runtime::JobKind::Call) &&
           !checkOnly_)  // --check runs nothing: a "check" line says what would run
    line(fmt::format("start   {}{}", label(e.job),
                     e.attempt > 1 ? fmt::format(" (attempt {})", e.attempt) : ""));
}

void Reporter::on(const runtime::JobRetrying& e) {
  const runtime::Job& job = program_->jobs[e.job];
  line(fmt::format("retry   {}: {}, attempt {} of {} in {:.1f}s", label(e.job), e.reason,
                   e.attempt + 1, job.retries + 1, job.retryDelay.count() / 1000.0));
}

void Reporter::on(const runtime::JobFinished& e) {
  const runtime::Job& job = program_->jobs[e.job];
  // After an interrupt a skipped node is one that will not run: the
  // status line counts what ran and what still runs.
  if (job.runs() && !(interrupted_ && e.state == State::Skipped)) ++finished_;
  if (e.state == State::Failed && !e.stopped) ++failed_;
  if (!job.runs() && e.state == State::Complete) return;
  std::string text;
  bool permanent = mode_ == OutputMode::Lines;
  std::string j = label(e.job);
  switch (e.state) {
    case State::Complete:
      if ((job.kind == runtime::JobKind::Command || job.kind == runtime::JobKind::Call) &&
          !checkOnly_) {
        // A command that ran changed the host as far as anyone can tell, and
        // is counted so: the line says what the count says.
        text = fmt::format("{} {} ({:.2f}s)", e.changed ? "changed" : "ok     ", j, e.seconds);
      } else if (e.changed) {
        text = fmt::format("{} {}: {} ({:.2f}s)", checkOnly_ ? "check  " : "changed", j, e.action,
                           e.seconds);
        permanent = true;  // what changed (or would) stays on screen
      } else {
        text = fmt::format("ok      {}: {}", j,
                           e.hasResult && !e.action.empty() ? e.action : "in state");
      }
      break;
    case State::Failed: {
      if (e.stopped) {
        text = fmt::format("stopped {}: {}", j, e.reason);
        permanent = true;
        break;
      }
      text = fmt::format("FAILED  {}: {}", j, e.hasResult ? e.reason : "failed");
      // Appended, not "literal" + string: GCC 12 warns falsely on the latter.
      if (log_ && e.hasResult) {  // the log keeps both streams whole
        for (const std::string* stream : {&e.stdoutTail, &e.stderrTail})
          if (!trimEnd(*stream).empty()) {
            text += '\n';
            text += lastLines(*stream, 1000);
          }
      } else if (e.hasResult && !trimEnd(e.stderrTail).empty()) {
        text += '\n';
        text += lastLines(e.stderrTail, 5);
      }
      failures_.push_back(text);
      permanent = true;
      break;
    }
    case State::Skipped:
      // A stage's skipped tasks are counted in its summary line instead.
      if (job.stage < 0) text = fmt::format("skipped {}: a dependency failed", j);
      break;
    default:
      break;
  }
  // --diff: what a file resource changed, under its line (redacted by the session).
  if (!e.diff.empty()) {
    if (!text.empty()) text += '\n';
    text += trimEnd(e.diff);
    permanent = true;
  }
  // -v: what the command printed, under its line.
  if (verbose_ && e.hasResult && e.state == State::Complete && job.runs()) {
    for (const std::string* stream : {&e.stdoutTail, &e.stderrTail}) {
      if (trimEnd(*stream).empty()) continue;
      if (!text.empty()) text += '\n';
      text += lastLines(*stream, 1000);
      permanent = true;
    }
  }
  if (permanent && !text.empty())
    line(text);
  else  // a skipped node will not run: the status line keeps what does
    drawStatus(e.state == State::Skipped ? std::string() : j, e.running);
}

void Reporter::on(const runtime::StageFinished& e) {
  const runtime::StageInfo& info = program_->stages[e.stage];
  if (e.skipped == info.tasks) {
    line(fmt::format("skipped {}: {}", info.name,
                     interrupted_ ? "the run was interrupted" : "an earlier stage failed"));
    return;
  }
  std::string text = fmt::format("done {} [hosts={}", info.name, info.hosts);
  if (info.tasks != info.hosts) text += fmt::format(" tasks={}", info.tasks);
  text += fmt::format(" ok={} failed={}", e.ok, e.failed);
  if (e.stopped) text += fmt::format(" stopped={}", e.stopped);
  if (e.skipped) text += fmt::format(" skipped={}", e.skipped);
  if (e.notRun) text += fmt::format(" not_run={}", e.notRun);
  text += fmt::format(" time={:.2f}s", e.seconds);
  if (info.batch) text += fmt::format(" batch={}", info.batch);
  text += "]";
  // Ended before all its tasks ran: say why.
  if (e.interrupted)
    text += " stopped: interrupted";
  else if (e.notRun)
    text += " stopped: a failure stopped the run";
  line(text);
  if (!info.summarize) return;
  // Identical outputs grouped, the most common first.
  std::vector<std::pair<std::string, std::size_t>> rows(e.outputs.begin(), e.outputs.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  const char* unit = info.tasks != info.hosts ? "task" : "host";
  for (const auto& [output, n] : rows) {
    std::string shown = output.empty() ? "(no output)" : output;
    if (shown.find('\n') == std::string::npos) {
      line(fmt::format("  {}: {} {}{}", shown, n, unit, n == 1 ? "" : "s"));
    } else {
      line(fmt::format("  {} {}{}:", n, unit, n == 1 ? "" : "s"));
      std::size_t start = 0;
      while (start <= shown.size()) {
        std::size_t end = shown.find('\n', start);
        line("    " + shown.substr(start, end - start));
        if (end == std::string::npos) break;
        start = end + 1;
      }
    }
  }
  if (e.failed) line(fmt::format("  (failed): {} {}{}", e.failed, unit, e.failed == 1 ? "" : "s"));
}

void Reporter::on(const runtime::RunFinished& e) {
  if (statusShown_) {
    std::fputs("\r\x1b[K", out_);
    statusShown_ = false;
  }
  if (!failures_.empty()) {
    line("\nfailed:");
    for (const auto& f : failures_) line(f);
  }
  std::string last = fmt::format("{} ok, {} {}, {} failed", e.ok, e.changed,
                                 e.checkOnly ? "would change" : "changed", e.failed);
  if (e.stopped) last += fmt::format(", {} stopped", e.stopped);
  last += fmt::format(", {} skipped in {:.2f}s", e.skipped, e.seconds);
  if (e.restored) last += fmt::format(" ({} complete before the resume)", e.restored);
  if (e.failed && !e.failedBeyondBudget && !e.interrupted) last += " (failures within max_fail)";
  if (e.interrupted) last = "interrupted: " + last;
  line(last);
  if (e.interrupted && !e.checkOnly)
    line("magicc: the same command with --resume runs what this run did not");
}

}  // namespace magicc::driver
