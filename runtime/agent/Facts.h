// What an agent knows of its host without being told (MCollective's facts):
// the OS from /etc/os-release (`os.id`, `os.version`, `os.<id>: true`,
// `os.name`), the kernel and architecture, CPUs and memory.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace magicc::agent {

// The facts of an os-release file's text.
nlohmann::json osReleaseFacts(const std::string& osRelease);
// Detected now, from `osReleasePath`, uname and sysconf.
nlohmann::json detectFacts(const std::string& osReleasePath = "/etc/os-release");
std::string hostName();

}  // namespace magicc::agent
