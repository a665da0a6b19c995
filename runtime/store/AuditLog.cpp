#include "store/AuditLog.h"

#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "store/StateFiles.h"

namespace magicc::store {

namespace {

std::string callerName() {
  std::string user = "uid" + std::to_string(::geteuid());
  if (const passwd* pw = ::getpwuid(::geteuid())) user = pw->pw_name;
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) std::strcpy(host, "localhost");
  return user + "@" + host;
}

}  // namespace

std::string isoTime(std::chrono::system_clock::time_point when) {
  std::time_t t = std::chrono::system_clock::to_time_t(when);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count();
  // to_time_t truncates toward zero; the milliseconds are those after it.
  ms -= static_cast<long long>(t) * 1000;
  if (ms < 0) {
    --t;
    ms += 1000;
  }
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms));
  return out;
}

std::string isoTime() {
  return isoTime(std::chrono::system_clock::now());
}

std::string isoTime(double secondsSinceEpoch) {
  return isoTime(std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::duration<double>(secondsSinceEpoch))));
}

AuditLog::AuditLog(const std::string& path, std::string runId, bool resumed)
    : path_(path), runId_(std::move(runId)), caller_(callerName()) {
  fd_ = openStateFile(path, O_WRONLY | O_APPEND | O_CREAT, 0600);
  if (!resumed) return;
  // A resumed run's request ids go on after the highest the run has.
  std::ifstream in(path, std::ios::binary);
  const std::string prefix = "{\"request_id\":\"" + runId_ + "-";
  for (std::string line; std::getline(in, line);) {
    if (line.compare(0, prefix.size(), prefix) != 0) continue;
    unsigned long n = std::strtoul(line.c_str() + prefix.size(), nullptr, 10);
    if (n > sequence_) sequence_ = n;
  }
}

AuditLog::~AuditLog() {
  if (fd_ >= 0) ::close(fd_);
}

void AuditLog::write(const runtime::ActionRecord& record) {
  if (!failure_.empty()) throw AuditError(failure_);
  std::string key =
      record.host + '\0' + record.node + '\0' + record.action + '\0' + record.arguments;
  unsigned long id = 0;
  if (record.result == "start") {
    id = ++sequence_;
    open_[key].push_back(id);
  } else if (auto it = open_.find(key); it != open_.end()) {
    id = it->second.front();
    it->second.erase(it->second.begin());
    if (it->second.empty()) open_.erase(it);
  } else {
    id = ++sequence_;
  }
  nlohmann::ordered_json line{
      {"request_id", runId_ + "-" + std::to_string(id)},
      {"time", isoTime()},
      {"caller", caller_},
      {"host", record.host},
      {"node", record.node},
      {"action", record.action},
      {"arguments", record.arguments},
      {"result", record.result},
  };
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  // One write(2) per line (O_APPEND): a line is whole or it is an error.
  ssize_t n;
  do n = ::write(fd_, text.data(), text.size());
  while (n < 0 && errno == EINTR);
  if (n == static_cast<ssize_t>(text.size())) return;
  failure_ = "cannot write the audit log '" + path_ +
             "': " + (n < 0 ? std::strerror(errno) : "a short write (is the disk full?)") +
             "; magicc stops rather than act without an audit trail";
  throw AuditError(failure_);
}

}  // namespace magicc::store
