// The audit log, after MCollective's: one JSON line per action on a host
// (request id, time, caller, host, node, action, arguments with secrets
// redacted, result), appended to a file of mode 0600 beside the journal.
#pragma once

#include <cstdio>
#include <string>

#include "resources/ResourceRunner.h"

namespace magicc::store {

class AuditLog {
 public:
  // Throws std::runtime_error when the file cannot be opened.
  AuditLog(const std::string& path, std::string runId);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // `record.arguments` must already be redacted.
  void write(const runtime::ActionRecord& record);

 private:
  std::FILE* file_ = nullptr;
  std::string runId_, caller_;
  unsigned long sequence_ = 0;
};

}  // namespace magicc::store
