// Hosts: from Ansible inventories (`-i FILE`, `inventory "f.yaml"`: YAML,
// INI or a directory of them, with group_vars/ and host_vars/ beside them;
// docs/inventory.md) and from `host` declarations. Group names become host
// tags; vars inherit from outer groups to inner groups to hosts, the nearest
// winning.
#pragma once

#include <map>
#include <memory>
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
  std::map<std::string, std::string> vars;  // other vars, resolved (a map's entries as `a.b`)
  // Every var the inventory gives, ansible_* included, as JSON typed the way
  // Ansible types it: what `magicc inventory --list` prints.
  std::map<std::string, std::string> shownVars;
};

// A group as the inventories declare it (`all` and `ungrouped` included).
struct Group {
  std::vector<std::string> hosts;     // its own hosts, sorted
  std::vector<std::string> children;  // sorted
};

struct Inventory {
  std::map<std::string, Host> hosts;    // by name: deterministic order
  std::map<std::string, Group> groups;  // by name
};

// What a host says about itself now (its agent's tags and facts), merged
// over the inventory's: tags are added, vars replaced.
struct Discovered {
  std::vector<std::string> tags;
  std::map<std::string, std::string> vars;
};
void applyDiscovered(Inventory& inv, const std::map<std::string, Discovered>& discovered);

struct Draft;

// Reads inventory sources, then resolves them together into an Inventory:
// a group's vars apply to its hosts in every source, as in Ansible. A source
// is a YAML file (.yml, .yaml, .json, or YAML content), an INI file, or a
// directory of them (read in name order, skipping what Ansible skips); the
// group_vars/ and host_vars/ beside each are read too. Errors are
// diagnostics in the files (at `from`, the -i option or the `inventory`
// statement, when a source cannot be read).
class InventoryLoader {
 public:
  InventoryLoader(source::SourceManager& sources, diag::DiagnosticEngine& diags);
  ~InventoryLoader();
  // False when the source could not be read or parsed.
  bool add(const std::string& path, source::SourceRange from);
  // Resolves everything added into `inv` (hosts of the same name merged).
  void finish(Inventory& inv);

 private:
  bool addFile(const std::string& path, source::SourceRange from);
  void readVarsFiles();
  source::SourceManager& sources_;
  diag::DiagnosticEngine& diags_;
  std::unique_ptr<Draft> draft_;
};

// One source on its own (a language server reading an inventory).
bool loadYamlInventory(source::SourceManager& sources, const std::string& path,
                       source::SourceRange from, Inventory& inv, diag::DiagnosticEngine& diags);

// Adds the program's `host` declarations (a declaration overrides the
// inventory's host of the same name field by field).
void addHostDeclarations(const sema::SemanticModel& model, Inventory& inv);

}  // namespace magicc::inventory
