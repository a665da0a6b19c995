// An inventory as its files say it, before vars are resolved: what the YAML
// and INI readers fill and the loader resolves (inventory/Inventory.h). Not
// part of the library's interface.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "diag/DiagnosticEngine.h"
#include "source/SourceManager.h"

namespace magicc::inventory {

// One var's value: the text conditions and commands see (scalars as
// written, lists and maps as JSON), as Ansible types it (for `magicc
// inventory --list`) and where it is written (a bad value is reported there).
// A map's entries are vars too, named with dots (`a.b`), marked `nested`.
struct VarValue {
  std::string text;
  nlohmann::json typed;
  source::SourceRange at;
  bool nested = false;
};
using DraftVars = std::map<std::string, VarValue>;

struct DraftGroup {
  DraftVars vars;      // from the inventory file
  DraftVars fileVars;  // from group_vars/ (over every group's file vars)
  std::set<std::string> children;
  std::map<std::string, source::SourceRange> childAt;  // where each child is named
  std::set<std::string> hosts;                         // its own hosts
};

struct DraftHost {
  DraftVars vars;      // from the inventory file
  DraftVars fileVars;  // from host_vars/
};

struct Draft {
  std::map<std::string, DraftGroup> groups;  // `all` and `ungrouped` included
  std::map<std::string, DraftHost> hosts;
  std::vector<std::string> baseDirs;  // where group_vars/ and host_vars/ are looked for
};

// Reads a file into the draft, reporting errors at their file:line:col.
// Return false when the file is no inventory at all.
bool readYamlInventory(source::SourceManager& sources, source::FileId file, Draft& draft,
                       diag::DiagnosticEngine& diags);
bool readIniInventory(source::SourceManager& sources, source::FileId file, Draft& draft,
                      diag::DiagnosticEngine& diags);
// A group_vars/ or host_vars/ file: a YAML mapping of vars.
bool readYamlVars(source::SourceManager& sources, source::FileId file, DraftVars& into,
                  diag::DiagnosticEngine& diags);

// Whether a name only has printable characters; reports at `at` when not.
bool printableName(const char* what, const std::string& name, source::SourceRange at,
                   diag::DiagnosticEngine& diags);

}  // namespace magicc::inventory
