// One job of the agent's job log as clients see it (docs/agent.md): what
// was asked, its status and how it ended. Plain data with a JSON form, the
// same in the SQLite log and in the API's answers.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace magicc::agent {

inline constexpr const char* kQueued = "Queued";
inline constexpr const char* kRunning = "Running";
inline constexpr const char* kComplete = "Complete";
inline constexpr const char* kError = "Error";

struct JobRecord {
  std::int64_t id = 0;
  std::string action = "exec";
  nlohmann::json cmd;  // an array of words, or a command line
  std::string queue = "default";
  bool sudo = false;
  std::int64_t timeoutMs = 0;
  std::string runId, node;
  std::string token;  // the name of the token that submitted it, never the token
  std::string status = kQueued;
  std::optional<int> exitCode, signal;
  bool timedOut = false;
  std::string message;
  std::string queuedAt, startedAt, finishedAt;  // RFC 3339 UTC, "" until then
  std::uint64_t outputSize = 0;
  std::string stdoutTail, stderrTail;

  bool finished() const { return status == kComplete || status == kError; }
};

nlohmann::json toJson(const JobRecord& job);
// Reads what toJson wrote (the job log's rows); missing keys keep defaults.
JobRecord jobFromJson(const nlohmann::json& json);

// Now, as RFC 3339 UTC with milliseconds ("2026-11-30T15:02:11.123Z").
std::string utcNow();

}  // namespace magicc::agent
