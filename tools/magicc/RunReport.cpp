#include "RunReport.h"

#include <fmt/format.h>

#include "Commands.h"

namespace magicc::driver {

using runtime::State;

namespace {

std::string trimEnd(std::string s) {
  while (!s.empty() &&
         (s.back() == '\n' || s.back() == ' ' || s.back() == '\r' || s.back() == '\t'))
    s.pop_back();
  return s;
}

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

double now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

Reporter::Reporter(const RunProgram& program, const runtime::Redactor& redactor, OutputMode mode,
                   bool checkOnly, std::string runId)
    : program_(program),
      redactor_(redactor),
      mode_(mode),
      checkOnly_(checkOnly),
      runId_(std::move(runId)),
      stages_(program.stages.size()) {
  for (const auto& j : program.jobs)
    if (j.runs()) ++total_;
}

void Reporter::begin() {
  std::size_t restored = before_;
  if (mode_ == OutputMode::Json)
    event({{"event", "run"},
           {"run_id", runId_},
           {"time", now()},
           {"jobs", program_.jobs.size()},
           {"check", checkOnly_},
           {"restored", restored}});
  else if (restored)
    line(fmt::format("resuming run {}: {} nodes complete from before", runId_, restored));
}

std::string Reporter::label(std::uint32_t j) const {
  const runtime::Job& job = program_.jobs[j];
  std::string name = job.target == "local" ? job.name : job.target + "/" + job.name;
  if (!job.each.empty()) name += "[" + job.each + "]";
  return name;
}

void Reporter::line(const std::string& text) {
  std::string out = redactor_.redact(text);
  if (mode_ == OutputMode::Status && statusShown_) out = "\r\x1b[K" + out;
  std::fputs((out + "\n").c_str(), stdout);
  std::fflush(stdout);
  statusShown_ = false;
}

void Reporter::notice(const std::string& text) {
  if (mode_ == OutputMode::Status && statusShown_) {
    std::fputs("\r\x1b[K", stdout);
    statusShown_ = false;
  }
  std::fflush(stdout);
  std::fputs((redactor_.redact(text) + "\n").c_str(), stderr);
}

namespace {

// Secrets go before the encoder sees the bytes: it replaces invalid UTF-8,
// after which a secret's bytes would no longer match. Events are shallow
// values this file builds, so the recursion is bounded.
void redactStrings(nlohmann::ordered_json& value, const runtime::Redactor& redactor) {
  if (value.is_string())
    value = redactor.redact(value.get<std::string>());
  else if (value.is_structured())
    for (auto& child : value) redactStrings(child, redactor);
}

}  // namespace

void Reporter::event(nlohmann::ordered_json e) {
  redactStrings(e, redactor_);
  std::string text =
      redactor_.redact(e.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  std::fputs((text + "\n").c_str(), stdout);
  std::fflush(stdout);
}

void Reporter::drawStatus(const std::string& current) {
  if (mode_ != OutputMode::Status) return;
  unsigned running = engine_ ? engine_->running() : 0;
  std::string text = fmt::format("[{}/{}] {} ({} running, {} failed)", finished_, total_, current,
                                 running, failed_);
  std::fputs(("\r\x1b[K" + redactor_.redact(text)).c_str(), stdout);
  std::fflush(stdout);
  statusShown_ = true;
}

double Reporter::seconds(std::uint32_t j) const {
  auto it = starts_.find(j);
  if (it == starts_.end()) return 0;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - it->second).count();
}

std::string Reporter::why(const runtime::CommandResult& r) const {
  return runtime::describeFailure(r);
}

void Reporter::restored(std::uint32_t j, State state) {
  const runtime::Job& job = program_.jobs[j];
  if (!job.hidden) ++before_;
  if (job.runs()) ++finished_;
  // A stage partly done before the resume still gets its summary.
  if (job.stage >= 0) {
    StageState& st = stages_[job.stage];
    ++st.done;
    (state == State::Failed ? st.failed : st.ok)++;
  }
}

void Reporter::started(std::uint32_t j, int attempt) {
  const runtime::Job& job = program_.jobs[j];
  if (!job.runs()) return;
  starts_[j] = std::chrono::steady_clock::now();
  if (job.stage >= 0 && !stages_[job.stage].started) {
    stages_[job.stage].started = true;
    stages_[job.stage].first = starts_[j];
  }
  switch (mode_) {
    case OutputMode::Json:
      event({{"event", "start"},
             {"time", now()},
             {"node", job.name},
             {"host", job.target},
             {"attempt", attempt}});
      return;
    case OutputMode::Status:
      drawStatus(label(j));
      return;
    case OutputMode::Lines:
      if (job.kind == runtime::JobKind::Command)
        line(fmt::format("start   {}{}", label(j),
                         attempt > 1 ? fmt::format(" (attempt {})", attempt) : ""));
      return;
  }
}

void Reporter::retrying(std::uint32_t j, int attempt, const runtime::CommandResult& r) {
  const runtime::Job& job = program_.jobs[j];
  if (mode_ == OutputMode::Json) {
    event({{"event", "retry"},
           {"time", now()},
           {"node", job.name},
           {"host", job.target},
           {"attempt", attempt},
           {"reason", why(r)},
           {"delay_s", job.retryDelay.count() / 1000.0}});
    return;
  }
  line(fmt::format("retry   {}: {}, attempt {} of {} in {:.1f}s", label(j), why(r), attempt + 1,
                   job.retries + 1, job.retryDelay.count() / 1000.0));
}

void Reporter::finished(std::uint32_t j, State state, const runtime::CommandResult* r) {
  const runtime::Job& job = program_.jobs[j];
  if (job.hidden) return;
  if (job.runs()) ++finished_;
  bool changed = r && r->changed;
  switch (state) {
    case State::Complete:
      (changed ? changed_ : ok_)++;
      break;
    case State::Failed:
      ++failed_;
      break;
    case State::Skipped:
      ++skipped_;
      break;
    default:
      break;
  }
  if (mode_ == OutputMode::Json) {
    nlohmann::ordered_json e{
        {"event", "finish"}, {"time", now()}, {"node", job.name}, {"host", job.target}};
    if (!job.each.empty()) e["each"] = job.each;
    e["state"] = runtime::stateName(state);
    if (job.runs() && state != State::Skipped) {
      e["changed"] = changed;
      if (r && !r->action.empty()) e["action"] = r->action;
      e["seconds"] = seconds(j);
    }
    if (verbose_ && r && state == State::Complete && !trimEnd(r->stdoutTail).empty())
      e["stdout"] = trimEnd(r->stdoutTail);
    if (state == State::Failed && r) {
      e["reason"] = why(*r);
      if (!r->stderrTail.empty()) e["stderr"] = trimEnd(r->stderrTail);
    }
    if (state == State::Skipped) e["reason"] = "a dependency failed";
    event(std::move(e));
  } else if (job.runs() || state != State::Complete) {
    std::string text;
    bool permanent = mode_ == OutputMode::Lines;
    switch (state) {
      case State::Complete:
        if (job.kind == runtime::JobKind::Command && !checkOnly_) {
          text = fmt::format("ok      {} ({:.2f}s)", label(j), seconds(j));
        } else if (changed) {
          text = fmt::format("{} {}: {} ({:.2f}s)", checkOnly_ ? "check  " : "changed", label(j),
                             r->action, seconds(j));
          permanent = true;  // what changed (or would) stays on screen
        } else {
          text = fmt::format("ok      {}: {}", label(j),
                             r && !r->action.empty() ? r->action : "in state");
        }
        break;
      case State::Failed: {
        text = fmt::format("FAILED  {}: {}", label(j), r ? why(*r) : "failed");
        if (r && !trimEnd(r->stderrTail).empty()) text += "\n" + lastLines(r->stderrTail, 5);
        failures_.push_back(text);
        permanent = true;
        break;
      }
      case State::Skipped:
        // A stage's skipped tasks are counted in its summary line instead.
        if (job.stage < 0) text = fmt::format("skipped {}: a dependency failed", label(j));
        break;
      default:
        break;
    }
    // -v: what the command printed, under its line.
    if (verbose_ && r && state == State::Complete && job.runs()) {
      for (const std::string* stream : {&r->stdoutTail, &r->stderrTail}) {
        if (trimEnd(*stream).empty()) continue;
        text += (text.empty() ? "" : "\n") + lastLines(*stream, 1000);
        permanent = true;
      }
    }
    if (permanent && !text.empty())
      line(text);
    else
      drawStatus(label(j));
  }
  if (job.stage >= 0) stageProgress(j, state, r);
}

void Reporter::stageProgress(std::uint32_t j, State state, const runtime::CommandResult* r) {
  const runtime::Job& job = program_.jobs[j];
  StageState& st = stages_[job.stage];
  const StageInfo& info = program_.stages[job.stage];
  ++st.done;
  st.last = std::chrono::steady_clock::now();
  if (state == State::Complete) ++st.ok;
  if (state == State::Failed) ++st.failed;
  if (state == State::Skipped) ++st.skipped;
  if (state == State::Complete && info.summarize && r)
    ++st.outputs[trimEnd(redactor_.redact(r->stdoutTail))];
  if (st.done < info.tasks || st.reported) return;
  st.reported = true;
  double secs = st.started ? std::chrono::duration<double>(st.last - st.first).count() : 0.0;
  if (mode_ == OutputMode::Json) {
    nlohmann::ordered_json e{{"event", "stage"},    {"time", now()},         {"stage", info.name},
                             {"hosts", info.hosts}, {"tasks", info.tasks},   {"ok", st.ok},
                             {"failed", st.failed}, {"skipped", st.skipped}, {"seconds", secs}};
    if (info.batch) e["batch"] = info.batch;
    if (info.summarize) {
      nlohmann::ordered_json table = nlohmann::ordered_json::array();
      for (const auto& [output, n] : st.outputs)
        table.push_back({{"output", output}, {"count", n}});
      e["summary"] = std::move(table);
    }
    event(std::move(e));
    return;
  }
  if (st.skipped == info.tasks) {
    line(fmt::format("skipped {}: an earlier stage failed", info.name));
    return;
  }
  std::string text = fmt::format("done {} [hosts={}", info.name, info.hosts);
  if (info.tasks != info.hosts) text += fmt::format(" tasks={}", info.tasks);
  text += fmt::format(" ok={} failed={}", st.ok, st.failed);
  if (st.skipped) text += fmt::format(" skipped={}", st.skipped);
  text += fmt::format(" time={:.2f}s", secs);
  if (info.batch) text += fmt::format(" batch={}", info.batch);
  text += "]";
  line(text);
  if (!info.summarize) return;
  // Identical outputs grouped, the most common first.
  std::vector<std::pair<std::string, std::size_t>> rows(st.outputs.begin(), st.outputs.end());
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
  if (st.failed)
    line(fmt::format("  (failed): {} {}{}", st.failed, unit, st.failed == 1 ? "" : "s"));
}

int Reporter::end(const runtime::RunSummary& summary, double secs) {
  std::size_t notRun = 0;
  for (std::uint32_t j = 0; j < program_.jobs.size(); ++j)
    if (!program_.jobs[j].hidden && engine_ && engine_->state(j) == State::Incomplete) ++notRun;
  int code = summary.interrupted ? 130 : summary.failedBeyondBudget ? kExitProgramErrors : kExitOk;
  if (mode_ == OutputMode::Json) {
    event({{"event", "end"},
           {"time", now()},
           {"run_id", runId_},
           {"ok", ok_},
           {checkOnly_ ? "would_change" : "changed", changed_},
           {"failed", failed_},
           {"skipped", skipped_ + notRun},
           {"restored", before_},
           {"seconds", secs},
           {"exit_code", code}});
    return code;
  }
  if (statusShown_) {
    std::fputs("\r\x1b[K", stdout);
    statusShown_ = false;
  }
  if (!failures_.empty()) {
    line("\nfailed:");
    for (const auto& f : failures_) line(f);
  }
  std::string last =
      fmt::format("{} ok, {} {}, {} failed, {} skipped in {:.2f}s", ok_, changed_,
                  checkOnly_ ? "would change" : "changed", failed_, skipped_ + notRun, secs);
  if (before_) last += fmt::format(" ({} complete before the resume)", before_);
  if (failed_ && !summary.failedBeyondBudget && !summary.interrupted)
    last += " (failures within max_fail)";
  line(last);
  return code;
}

}  // namespace magicc::driver
