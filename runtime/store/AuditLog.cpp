#include "store/AuditLog.h"

#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
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

std::string isoTime() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms));
  return out;
}

}  // namespace

AuditLog::AuditLog(const std::string& path, std::string runId)
    : runId_(std::move(runId)), caller_(callerName()) {
  // Never through a link, never another user's file (store/StateFiles.h).
  int fd = openStateFile(path, O_WRONLY | O_APPEND | O_CREAT, 0600);
  file_ = ::fdopen(fd, "a");
  if (!file_) {
    ::close(fd);
    throw std::runtime_error("cannot open the audit log '" + path + "'");
  }
}

AuditLog::~AuditLog() {
  if (file_) std::fclose(file_);
}

void AuditLog::write(const runtime::ActionRecord& record) {
  nlohmann::ordered_json line{
      {"request_id", runId_ + "-" + std::to_string(++sequence_)},
      {"time", isoTime()},
      {"caller", caller_},
      {"host", record.host},
      {"node", record.node},
      {"action", record.action},
      {"arguments", record.arguments},
      {"result", record.result},
  };
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::fputs(text.c_str(), file_);
  std::fflush(file_);
}

}  // namespace magicc::store
