// Hosts: from Ansible-style YAML inventories (`-i FILE`, `inventory "f.yaml"`)
// and from `host` declarations. Group names become host tags; vars inherit
// from outer groups to inner groups to hosts, the nearest winning.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "diag/DiagnosticEngine.h"
#include "sema/Sema.h"
#include "source/SourceManager.h"

namespace magicc::inventory {

struct Host {
  std::string name;
  std::string address;       // ansible_host; the name when unset
  int port = 22;             // ansible_port
  std::string user;          // ansible_user
  std::string identityFile;  // ansible_ssh_private_key_file
  // ansible_connection, as Ansible means it: "ssh" (the default, also for
  // "smart" and "paramiko"), "local" (this machine) or "magicc_agent" (its
  // agent, at the var magicc_agent_url).
  std::string connection = "ssh";
  std::vector<std::string> tags;            // sorted group names (without `all`)
  std::map<std::string, std::string> vars;  // other vars, resolved
};

struct Inventory {
  std::map<std::string, Host> hosts;  // by name: deterministic order
};

// What a host says about itself now (its agent's tags and facts), merged
// over the inventory's: tags are added, vars replaced.
struct Discovered {
  std::vector<std::string> tags;
  std::map<std::string, std::string> vars;
};
void applyDiscovered(Inventory& inv, const std::map<std::string, Discovered>& discovered);

// Reads one YAML inventory into `inv`. Errors are diagnostics in the file (at
// `from`, the -i option or the `inventory` statement, when it cannot be read).
// Returns false when the file could not be read or parsed.
bool loadYamlInventory(source::SourceManager& sources, const std::string& path,
                       source::SourceRange from, Inventory& inv, diag::DiagnosticEngine& diags);

// Adds the program's `host` declarations (a declaration overrides the
// inventory's host of the same name field by field).
void addHostDeclarations(const sema::SemanticModel& model, Inventory& inv);

}  // namespace magicc::inventory
