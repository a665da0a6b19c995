// How a run reaches one host: which connection carries its work and, for
// SSH, where it is. Plain data: lowering fills it from the inventory (Ansible's
// ansible_connection, ansible_host, ansible_port, ansible_user,
// ansible_ssh_private_key_file); a backend is built from it.
#pragma once

#include <string>

namespace magicc::runtime {

struct HostRoute {
  std::string name;                  // the inventory name, or "local"
  std::string connection = "local";  // "local", "ssh" or "agent"
  std::string address;               // ansible_host (the name when unset)
  int port = 22;
  std::string user, identityFile;
  std::string agentUrl;  // agent: magicc_agent_url, else http://ADDRESS:7070
};

}  // namespace magicc::runtime
