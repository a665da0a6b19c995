#include "agent/RequestAudit.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace magicc::agent {

RequestAudit::RequestAudit(const std::string& path) {
  if (path.empty()) return;
  if (path == "-") {
    fd_ = 2;
    return;
  }
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd_ < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  ownsFd_ = true;
}

RequestAudit::~RequestAudit() {
  if (ownsFd_) ::close(fd_);
}

void RequestAudit::write(const nlohmann::json& line) {
  if (fd_ < 0) return;
  // Invalid UTF-8 from a request (a path) is replaced, never a throw.
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::lock_guard lock(mutex_);
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace magicc::agent
