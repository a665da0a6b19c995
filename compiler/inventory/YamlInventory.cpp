// Ansible's YAML inventory format: `all` (or any top-level group) with
// `hosts`, `vars` and nested `children`; host names may hold ranges
// (`web[01:03]`). And the YAML of group_vars/ and host_vars/ files.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "inventory/Draft.h"
#include "inventory/HostRange.h"
#include "inventory/YamlValue.h"
#include "support/Utf8.h"

namespace magicc::inventory {

using diag::DiagId;

namespace {

struct Reader {
  source::SourceManager& sources;
  source::FileId file;
  diag::DiagnosticEngine& diags;
  Draft& draft;
  bool ok = true;

  source::SourceRange at(const YAML::Mark& mark) const {
    return inventory::yamlLocation(sources, file, mark);
  }

  void error(const YAML::Node& node, const std::string& message) {
    diags.report(DiagId::InventoryError, at(node.Mark()), message);
    ok = false;
  }

  bool printable(const YAML::Node& node, const char* what, const std::string& name) {
    if (printableName(what, name, at(node.Mark()), diags)) return true;
    ok = false;
    return false;
  }

  // A var and, for a map, its entries as `name.key` (nested ones too).
  void addVar(const std::string& name, const YAML::Node& value, bool nested, DraftVars& out) {
    VarValue v;
    v.at = at(value.Mark());
    v.nested = nested;
    v.typed = yamlValue(value);
    v.text = value.IsScalar() ? value.Scalar()
             : value.IsNull()
                 ? ""
                 : v.typed.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out[name] = std::move(v);
    if (value.IsMap())
      for (const auto& kv : value) {
        std::string key = kv.first.as<std::string>();
        if (!printable(kv.first, "var", key)) continue;
        addVar(name + "." + key, kv.second, true, out);
      }
  }

  void readVars(const YAML::Node& vars, DraftVars& out) {
    if (!vars || vars.IsNull()) return;
    if (!vars.IsMap()) {
      error(vars, "'vars' must be a mapping of names to values");
      return;
    }
    for (const auto& kv : vars) {
      std::string name = kv.first.as<std::string>();
      if (!printable(kv.first, "var", name)) continue;
      // Where magicc connects, and as whom, is printed too.
      if ((name == "ansible_host" || name == "ansible_user") && kv.second.IsScalar() &&
          support::findUnprintable(kv.second.Scalar()) != std::string::npos) {
        const std::string& value = kv.second.Scalar();
        error(kv.second, fmt::format("{} '{}' contains a control or non-printable character", name,
                                     support::printable(value, value.size())));
        continue;
      }
      addVar(name, kv.second, false, out);
    }
  }

  // Reads a group and its children; `path` guards against a child cycle.
  void readGroup(const std::string& name, const YAML::Node& key, const YAML::Node& group,
                 std::vector<std::string>& path) {
    if (!printable(key, "group", name)) return;
    if (std::find(path.begin(), path.end(), name) != path.end()) {
      error(group, "group '" + name + "' contains itself");
      return;
    }
    if (!path.empty()) {
      draft.groups[path.back()].children.insert(name);
      draft.groups[path.back()].childAt.emplace(name, at(key.Mark()));
    }
    path.push_back(name);
    DraftGroup& g = draft.groups[name];
    if (group && !group.IsNull()) {
      if (!group.IsMap()) {
        error(group, "group '" + name + "' must be a mapping with hosts, vars or children");
        path.pop_back();
        return;
      }
      for (const auto& kv : group) {
        std::string groupKey = kv.first.as<std::string>();
        if (groupKey == "vars") {
          readVars(kv.second, g.vars);
        } else if (groupKey == "hosts") {
          readHosts(kv.second, name);
        } else if (groupKey == "children") {
          if (kv.second.IsNull()) continue;
          if (!kv.second.IsMap()) {
            error(kv.second, "'children' must be a mapping of group names");
            continue;
          }
          for (const auto& child : kv.second)
            readGroup(child.first.as<std::string>(), child.first, child.second, path);
        } else {
          error(kv.first, "unknown key '" + support::printable(groupKey, groupKey.size()) +
                              "' in group '" + name + "'; expected hosts, vars or children");
        }
      }
    }
    path.pop_back();
  }

  void readHosts(const YAML::Node& hosts, const std::string& group) {
    if (hosts.IsNull()) return;
    if (!hosts.IsMap()) {
      error(hosts, "'hosts' must be a mapping of host names to their vars");
      return;
    }
    for (const auto& kv : hosts) {
      std::string pattern = kv.first.as<std::string>();
      if (!printable(kv.first, "host", pattern)) continue;
      ExpandedHosts names = expandHostRange(pattern);
      if (!names.error.empty()) {
        error(kv.first, names.error);
        continue;
      }
      DraftVars vars;
      if (!kv.second.IsNull() && !kv.second.IsMap()) {
        error(kv.second, "host '" + pattern + "' must be a mapping of its vars");
        continue;
      }
      readVars(kv.second, vars);
      for (const auto& host : names.names) {
        draft.groups[group].hosts.insert(host);
        for (const auto& [k, v] : vars) draft.hosts[host].vars[k] = v;
        draft.hosts[host];
      }
    }
  }
};

}  // namespace

bool printableName(const char* what, const std::string& name, source::SourceRange at,
                   diag::DiagnosticEngine& diags) {
  // Names reach the terminal (plans, run reports): a name with a control
  // character could forge a line of output, so only printable ones are read.
  if (name.empty()) {
    diags.report(DiagId::InventoryError, at, fmt::format("{} name is empty", what));
    return false;
  }
  std::size_t bad = support::findUnprintable(name);
  if (bad == std::string::npos) return true;
  diags.report(DiagId::InventoryError, at,
               fmt::format("{} name '{}' contains a control or non-printable character at byte "
                           "{}; names must be printable text",
                           what, support::printable(name, name.size()), bad + 1));
  return false;
}

bool readYamlInventory(source::SourceManager& sources, source::FileId file, Draft& draft,
                       diag::DiagnosticEngine& diags) {
  Reader reader{sources, file, diags, draft, true};
  YAML::Node root;
  try {
    root = YAML::Load(std::string(sources.text(file)));
  } catch (const YAML::ParserException& e) {
    diags.report(DiagId::InventoryError, reader.at(e.mark), e.msg);
    return false;
  }
  if (root.IsNull()) return true;  // an empty inventory
  if (!root.IsMap()) {
    reader.error(root, "an inventory is a mapping of groups, usually starting with 'all:'");
    return false;
  }
  try {
    for (const auto& kv : root) {
      std::string name = kv.first.as<std::string>();
      // A top-level group goes under `all` unless another group contains it.
      std::vector<std::string> groupPath;
      reader.readGroup(name, kv.first, kv.second, groupPath);
    }
  } catch (const YAML::Exception& e) {
    diags.report(DiagId::InventoryError, reader.at(e.mark), e.msg);
    return false;
  }
  return reader.ok;
}

bool readYamlVars(source::SourceManager& sources, source::FileId file, DraftVars& into,
                  diag::DiagnosticEngine& diags) {
  Draft unused;
  Reader reader{sources, file, diags, unused, true};
  try {
    YAML::Node root = YAML::Load(std::string(sources.text(file)));
    if (root.IsNull()) return true;
    if (!root.IsMap()) {
      reader.error(root, "a vars file is a mapping of names to values");
      return false;
    }
    reader.readVars(root, into);
  } catch (const YAML::Exception& e) {
    diags.report(DiagId::InventoryError, reader.at(e.mark), e.msg);
    return false;
  }
  return reader.ok;
}

}  // namespace magicc::inventory
