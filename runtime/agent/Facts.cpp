#include "agent/Facts.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace magicc::agent {

nlohmann::json osReleaseFacts(const std::string& osRelease) {
  nlohmann::json facts = nlohmann::json::object();
  std::istringstream lines(osRelease);
  std::string line;
  while (std::getline(lines, line)) {
    auto eq = line.find('=');
    if (eq == std::string::npos || line[0] == '#') continue;
    std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front())
      value = value.substr(1, value.size() - 2);
    if (key == "ID") {
      facts["os.id"] = value;
      if (!value.empty()) facts["os." + value] = true;
    } else if (key == "VERSION_ID") {
      facts["os.version"] = value;
    } else if (key == "PRETTY_NAME") {
      facts["os.name"] = value;
    }
  }
  return facts;
}

nlohmann::json detectFacts(const std::string& osReleasePath) {
  std::ifstream in(osReleasePath);
  std::stringstream text;
  if (in) text << in.rdbuf();
  nlohmann::json facts = osReleaseFacts(text.str());
  struct utsname name {};
  if (::uname(&name) == 0) {
    facts["kernel"] = name.release;
    facts["arch"] = name.machine;
  }
  long cpus = ::sysconf(_SC_NPROCESSORS_ONLN);
  if (cpus > 0) facts["cpus"] = cpus;
  long pages = ::sysconf(_SC_PHYS_PAGES), pageSize = ::sysconf(_SC_PAGESIZE);
  if (pages > 0 && pageSize > 0)
    facts["memory_bytes"] = static_cast<long long>(pages) * static_cast<long long>(pageSize);
  return facts;
}

std::string hostName() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "localhost";
  return name;
}

}  // namespace magicc::agent
