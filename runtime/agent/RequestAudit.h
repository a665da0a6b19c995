// The agent's audit log: one JSON line per request (request id, time,
// peer, client certificate, token name, method, route, status, job,
// result), appended to a file of mode 0600. Never a token, a body, an
// environment value or a file's content. Thread-safe.
#pragma once

#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

namespace magicc::agent {

class RequestAudit {
 public:
  // "-": standard error; "": nowhere (tests, the fuzzer). Throws
  // std::runtime_error when the file cannot be opened.
  explicit RequestAudit(const std::string& path);
  ~RequestAudit();
  RequestAudit(const RequestAudit&) = delete;
  RequestAudit& operator=(const RequestAudit&) = delete;

  void write(const nlohmann::json& line);

 private:
  int fd_ = -1;
  bool ownsFd_ = false;
  std::mutex mutex_;
};

}  // namespace magicc::agent
