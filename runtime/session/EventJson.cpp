#include "session/EventJson.h"

#include "store/AuditLog.h"

namespace magicc::runtime {

namespace {

using Json = nlohmann::ordered_json;

// Secrets go before the encoder sees the bytes: it replaces invalid UTF-8,
// after which a secret's bytes would no longer match. Events are shallow
// values this file builds, so the recursion is bounded.
void redactStrings(Json& value, const Redactor& redactor) {
  if (value.is_string())
    value = redactor.redact(value.get<std::string>());
  else if (value.is_structured())
    for (auto& child : value) redactStrings(child, redactor);
}

struct Render {
  const RunProgram& program;
  const EventJsonOptions& options;

  std::optional<Json> operator()(const RunStarted& e) const {
    return Json{{"event", "run"}, {"run_id", e.runId},    {"time", store::isoTime(e.time)},
                {"jobs", e.jobs}, {"check", e.checkOnly}, {"restored", e.restored}};
  }
  std::optional<Json> operator()(const JobRestored&) const { return std::nullopt; }
  std::optional<Json> operator()(const JobStarted& e) const {
    const Job& job = program.jobs[e.job];
    return Json{{"event", "start"},
                {"time", store::isoTime(e.time)},
                {"node", job.name},
                {"host", job.target},
                {"attempt", e.attempt}};
  }
  std::optional<Json> operator()(const JobRetrying& e) const {
    const Job& job = program.jobs[e.job];
    return Json{{"event", "retry"},
                {"time", store::isoTime(e.time)},
                {"node", job.name},
                {"host", job.target},
                {"attempt", e.attempt},
                {"reason", e.reason},
                {"delay_s", job.retryDelay.count() / 1000.0}};
  }
  std::optional<Json> operator()(const JobFinished& e) const {
    const Job& job = program.jobs[e.job];
    Json out{{"event", "finish"},
             {"time", store::isoTime(e.time)},
             {"node", job.name},
             {"host", job.target}};
    if (!job.each.empty()) out["each"] = job.each;
    out["state"] = stateName(e.state);
    if (job.runs() && e.state != State::Skipped) {
      out["changed"] = e.changed;
      if (e.hasResult && !e.action.empty()) out["action"] = e.action;
      out["seconds"] = e.seconds;
    }
    if (options.verbose && e.hasResult && e.state == State::Complete &&
        !trimEnd(e.stdoutTail).empty())
      out["stdout"] = trimEnd(e.stdoutTail);
    if (e.hasResult && !e.diff.empty()) out["diff"] = e.diff;
    if (e.state == State::Failed && e.hasResult) {
      out["reason"] = e.reason;
      if (e.stopped) out["stopped"] = true;
      if (!e.stderrTail.empty()) out["stderr"] = trimEnd(e.stderrTail);
    }
    if (e.state == State::Skipped) out["reason"] = "a dependency failed";
    return out;
  }
  std::optional<Json> operator()(const StageFinished& e) const {
    const StageInfo& info = program.stages[e.stage];
    Json out{{"event", "stage"},    {"time", store::isoTime(e.time)},
             {"stage", info.name},  {"hosts", info.hosts},
             {"tasks", info.tasks}, {"ok", e.ok},
             {"failed", e.failed},  {"skipped", e.skipped},
             {"seconds", e.seconds}};
    if (e.stopped) out["stopped"] = e.stopped;
    if (e.notRun) out["not_run"] = e.notRun;
    if (e.interrupted) out["interrupted"] = true;
    if (info.batch) out["batch"] = info.batch;
    if (info.summarize) {
      Json table = Json::array();
      for (const auto& [output, n] : e.outputs) table.push_back({{"output", output}, {"count", n}});
      out["summary"] = std::move(table);
    }
    return out;
  }
  std::optional<Json> operator()(const Notice&) const { return std::nullopt; }
  std::optional<Json> operator()(const HostUnreachable&) const { return std::nullopt; }
  std::optional<Json> operator()(const RunFinished& e) const {
    return Json{{"event", "end"},
                {"time", store::isoTime(e.time)},
                {"run_id", e.runId},
                {"ok", e.ok},
                {e.checkOnly ? "would_change" : "changed", e.changed},
                {"failed", e.failed},
                {"stopped", e.stopped},
                {"skipped", e.skipped},
                {"restored", e.restored},
                {"seconds", e.seconds},
                {"exit_code", e.exitCode}};
  }
};

}  // namespace

std::optional<nlohmann::ordered_json> eventJson(const Event& event, const RunProgram& program,
                                                const EventJsonOptions& options) {
  return std::visit(Render{program, options}, event);
}

std::string eventJsonLine(nlohmann::ordered_json event, const Redactor& redactor) {
  redactStrings(event, redactor);
  return redactor.redact(event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace magicc::runtime
