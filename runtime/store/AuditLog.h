// The audit log, after MCollective's: one JSON line per action on a host
// (request id, time, caller, host, node, action, arguments with secrets
// redacted, result), appended to a file of mode 0600 beside the journal.
// Each action has two lines with one request id: `"result":"start"` before
// it acts (so an action a crash or kill -9 interrupts is there too) and its
// result after. Request ids are the run id and a sequence number that a
// resumed run continues, so no two actions ever share one. A line that
// cannot be written (a full disk) is an error: magicc stops rather than act
// unaudited.
#pragma once

#include <chrono>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "program/ActionRecord.h"

namespace magicc::store {

// Now, as RFC 3339 UTC with milliseconds ("2026-11-30T15:02:11.123Z"): the
// time of an audit line (the agent's too).
std::string isoTime();
// The same for a given time: events (runtime/session/EventJson.h) and
// whatever else prints a time use this one format.
std::string isoTime(std::chrono::system_clock::time_point when);
std::string isoTime(double secondsSinceEpoch);

// The audit log could not be written.
struct AuditError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class AuditLog {
 public:
  // Throws StateError (store/StateFiles.h) when the file may not be used,
  // std::runtime_error when it cannot be opened. `resumed`: the run goes on
  // from an earlier magicc's, whose request ids are in the file already.
  AuditLog(const std::string& path, std::string runId, bool resumed = false);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // `record.arguments` must already be redacted. A record whose result is
  // "start" opens an action; the next record of the same host, node, action
  // and arguments is its result, under the same request id. Throws
  // AuditError when the line cannot be written; failure() says so after.
  void write(const runtime::ActionRecord& record);
  const std::string& failure() const { return failure_; }

 private:
  int fd_ = -1;
  std::string path_, runId_, caller_, failure_;
  unsigned long sequence_ = 0;
  // Actions started and not yet finished: their request ids, oldest first.
  std::map<std::string, std::vector<unsigned long>> open_;
};

}  // namespace magicc::store
