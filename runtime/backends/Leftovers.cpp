#include "backends/Leftovers.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <sstream>
#include <thread>

namespace magicc::runtime {

namespace {

// Plain read(2), not a filebuf: a process that exits between open and read
// makes read fail with ESRCH, which std::filebuf turns into an exception
// that no stream state catches. A vanished process just reads as empty.
std::string readAll(const std::string& path) {
  std::string text;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return text;
  char buffer[4096];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      text.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) text.clear();
    break;
  }
  ::close(fd);
  return text;
}

// From /proc/PID/stat: the state letter, the process group and the start
// time in clock ticks after boot (fields 3, 5 and 22; the command name in
// parentheses may hold anything, so fields are counted after its last ')').
struct Stat {
  char state = '?';
  int pgid = 0;
  unsigned long long startTicks = 0;
};

bool readStat(int pid, Stat& st) {
  std::string text = readAll("/proc/" + std::to_string(pid) + "/stat");
  std::size_t close = text.rfind(')');
  if (close == std::string::npos) return false;
  std::istringstream rest(text.substr(close + 1));
  std::string field;
  std::vector<std::string> fields;
  while (rest >> field) fields.push_back(field);
  // fields[0] is field 3 (state).
  if (fields.size() < 20) return false;
  st.state = fields[0].empty() ? '?' : fields[0][0];
  st.pgid = std::stoi(fields[2]);
  st.startTicks = std::stoull(fields[19]);
  return true;
}

double bootTime() {
  std::istringstream in(readAll("/proc/stat"));
  std::string key;
  double value = 0;
  while (in >> key) {
    if (key == "btime") {
      in >> value;
      return value;
    }
    in.ignore(1 << 20, '\n');
  }
  return 0;
}

std::string envValue(const std::string& environ, const std::string& name) {
  std::string prefix = name + "=";
  std::size_t at = 0;
  while (at < environ.size()) {
    std::size_t end = environ.find('\0', at);
    if (end == std::string::npos) end = environ.size();
    if (environ.compare(at, prefix.size(), prefix) == 0)
      return environ.substr(at + prefix.size(), end - at - prefix.size());
    at = end + 1;
  }
  return "";
}

bool alive(int pid) {
  Stat st;
  return ::kill(pid, 0) == 0 && readStat(pid, st) && st.state != 'Z' && st.state != 'X';
}

}  // namespace

std::vector<LeftoverProcess> findLeftovers(const std::string& runId, const std::set<int>& groups,
                                           double since) {
  std::vector<LeftoverProcess> found;
  const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  const double boot = bootTime();
  std::error_code ec;
  for (std::filesystem::directory_iterator it("/proc", ec), end; !ec && it != end;
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    int pid = std::stoi(name);
    if (pid == ::getpid()) continue;
    Stat st;
    if (!readStat(pid, st) || st.state == 'Z' || st.state == 'X') continue;
    std::string environ = readAll("/proc/" + name + "/environ");
    bool marked = envValue(environ, "MAGICC_RUN_ID") == runId;
    bool inGroup = groups.count(st.pgid) && boot + st.startTicks / ticks + 1 >= since;
    if (!marked && !inGroup) continue;
    found.push_back(
        {pid, st.pgid, envValue(environ, "MAGICC_NODE"), envValue(environ, "MAGICC_HOST")});
  }
  return found;
}

bool waitForExit(const std::vector<LeftoverProcess>& processes, const std::function<bool()>& stop) {
  for (;;) {
    bool any = false;
    for (const auto& p : processes) any = any || alive(p.pid);
    if (!any) return true;
    if (stop && stop()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

void stopLeftovers(const std::vector<LeftoverProcess>& processes, std::chrono::milliseconds grace) {
  std::set<int> groups;
  for (const auto& p : processes) groups.insert(p.pgid > 1 ? p.pgid : p.pid);
  for (int g : groups) ::kill(-g, SIGTERM);
  for (const auto& p : processes) ::kill(p.pid, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + grace;
  waitForExit(processes, [&] { return std::chrono::steady_clock::now() >= deadline; });
  for (int g : groups) ::kill(-g, SIGKILL);
  for (const auto& p : processes) ::kill(p.pid, SIGKILL);
  waitForExit(processes, [&] {
    return std::chrono::steady_clock::now() >= deadline + std::chrono::seconds(2);
  });
}

}  // namespace magicc::runtime
