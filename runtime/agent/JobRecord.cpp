#include "agent/JobRecord.h"

#include <cstdlib>

#include "store/AuditLog.h"

namespace magicc::agent {

namespace {

nlohmann::json orNull(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}
nlohmann::json orNull(const std::optional<int>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}
std::string textOf(const nlohmann::json& json, const char* key) {
  auto it = json.find(key);
  return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
}
std::optional<int> intOf(const nlohmann::json& json, const char* key) {
  auto it = json.find(key);
  if (it == json.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int>();
}

}  // namespace

nlohmann::json toJson(const JobRecord& job) {
  return {{"id", std::to_string(job.id)},
          {"action", job.action},
          {"cmd", job.cmd},
          {"queue", job.queue},
          {"sudo", job.sudo},
          {"timeout_ms", job.timeoutMs},
          {"run_id", job.runId},
          {"node", job.node},
          {"token", job.token},
          {"status", job.status},
          {"exit_code", orNull(job.exitCode)},
          {"signal", orNull(job.signal)},
          {"timed_out", job.timedOut},
          {"message", job.message},
          {"queued_at", orNull(job.queuedAt)},
          {"started_at", orNull(job.startedAt)},
          {"finished_at", orNull(job.finishedAt)},
          {"output_size", job.outputSize},
          {"stdout_tail", job.stdoutTail},
          {"stderr_tail", job.stderrTail}};
}

JobRecord jobFromJson(const nlohmann::json& json) {
  JobRecord job;
  if (!json.is_object()) return job;
  std::string id = textOf(json, "id");
  job.id = std::strtoll(id.c_str(), nullptr, 10);
  job.action = textOf(json, "action");
  job.cmd = json.value("cmd", nlohmann::json());
  job.queue = textOf(json, "queue");
  job.sudo = json.value("sudo", false);
  job.timeoutMs = json.value("timeout_ms", std::int64_t{0});
  job.runId = textOf(json, "run_id");
  job.node = textOf(json, "node");
  job.token = textOf(json, "token");
  job.status = textOf(json, "status");
  job.exitCode = intOf(json, "exit_code");
  job.signal = intOf(json, "signal");
  job.timedOut = json.value("timed_out", false);
  job.message = textOf(json, "message");
  job.queuedAt = textOf(json, "queued_at");
  job.startedAt = textOf(json, "started_at");
  job.finishedAt = textOf(json, "finished_at");
  job.outputSize = json.value("output_size", std::uint64_t{0});
  job.stdoutTail = textOf(json, "stdout_tail");
  job.stderrTail = textOf(json, "stderr_tail");
  return job;
}

std::string utcNow() {
  return store::isoTime();
}

}  // namespace magicc::agent
