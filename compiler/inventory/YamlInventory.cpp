// Ansible's YAML inventory format: `all` (or any top-level group) with
// `hosts`, `vars` and nested `children`.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "inventory/Inventory.h"
#include "support/Utf8.h"

namespace magicc::inventory {

using diag::DiagId;

namespace {

struct Membership {
  int depth;
  std::string group;
};

struct Reader {
  source::SourceManager& sources;
  source::FileId file;
  diag::DiagnosticEngine& diags;
  // group -> its vars; host -> groups it is in (with depth); host -> own vars
  std::map<std::string, std::map<std::string, std::string>> groupVars;
  std::map<std::string, std::vector<Membership>> hostGroups;
  std::map<std::string, std::map<std::string, std::string>> hostVars;
  // var -> value -> where it was first written: a bad value is reported there.
  std::map<std::string, std::map<std::string, source::SourceRange>> valueAt;
  bool ok = true;

  source::SourceRange whereIs(const std::string& var, const std::string& value) const {
    auto byVar = valueAt.find(var);
    if (byVar != valueAt.end())
      if (auto it = byVar->second.find(value); it != byVar->second.end()) return it->second;
    return source::SourceRange(source::SourceLoc{file, 0});
  }

  source::SourceRange at(const YAML::Mark& mark) const {
    if (mark.line < 0) return source::SourceRange(source::SourceLoc{file, 0});
    auto start = sources.lineStart(file, static_cast<std::uint32_t>(mark.line) + 1);
    return source::SourceRange(
        source::SourceLoc{file, start + static_cast<std::uint32_t>(std::max(mark.column, 0))});
  }

  void error(const YAML::Node& node, const std::string& message) {
    diags.report(DiagId::InventoryError, at(node.Mark()), message);
    ok = false;
  }

  // Names reach the terminal (plans, run reports): a name with a control
  // character could forge a line of output, so only printable ones are read.
  bool printableName(const YAML::Node& at, const char* what, const std::string& name) {
    if (name.empty()) {
      error(at, fmt::format("{} name is empty", what));
      return false;
    }
    std::size_t bad = support::findUnprintable(name);
    if (bad == std::string::npos) return true;
    error(at, fmt::format("{} name '{}' contains a control or non-printable character at byte {}; "
                          "names must be printable text",
                          what, support::printable(name, name.size()), bad + 1));
    return false;
  }

  std::map<std::string, std::string> readVars(const YAML::Node& vars) {
    std::map<std::string, std::string> out;
    if (!vars || vars.IsNull()) return out;
    if (!vars.IsMap()) {
      error(vars, "'vars' must be a mapping of names to values");
      return out;
    }
    for (const auto& kv : vars) {
      std::string name = kv.first.as<std::string>();
      if (!printableName(kv.first, "var", name)) continue;
      if (!kv.second.IsScalar() && !kv.second.IsNull()) {
        error(kv.second, "the value of var '" + name + "' must be a scalar");
        continue;
      }
      std::string value = kv.second.IsNull() ? "" : kv.second.as<std::string>();
      // Where magicc connects, and as whom, is printed too.
      if ((name == "ansible_host" || name == "ansible_user") &&
          support::findUnprintable(value) != std::string::npos) {
        error(kv.second, fmt::format("{} '{}' contains a control or non-printable character", name,
                                     support::printable(value, value.size())));
        continue;
      }
      valueAt[name].emplace(value, at(kv.second.Mark()));
      out[name] = std::move(value);
    }
    return out;
  }

  // Reads a group and its children; `path` guards against a child cycle.
  void readGroup(const std::string& name, const YAML::Node& key, const YAML::Node& group,
                 std::vector<std::string>& path) {
    if (!printableName(key, "group", name)) return;
    if (std::find(path.begin(), path.end(), name) != path.end()) {
      error(group, "group '" + name + "' contains itself");
      return;
    }
    path.push_back(name);
    auto& vars = groupVars[name];
    if (group && !group.IsNull()) {
      if (!group.IsMap()) {
        error(group, "group '" + name + "' must be a mapping with hosts, vars or children");
        path.pop_back();
        return;
      }
      for (const auto& kv : group) {
        std::string groupKey = kv.first.as<std::string>();
        if (groupKey == "vars") {
          for (auto& [k, v] : readVars(kv.second)) vars[k] = v;
        } else if (groupKey == "hosts") {
          readHosts(kv.second, path);
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

  void readHosts(const YAML::Node& hosts, const std::vector<std::string>& path) {
    if (hosts.IsNull()) return;
    if (!hosts.IsMap()) {
      error(hosts, "'hosts' must be a mapping of host names to their vars");
      return;
    }
    for (const auto& kv : hosts) {
      std::string host = kv.first.as<std::string>();
      if (!printableName(kv.first, "host", host)) continue;
      // Membership in this group and, as Ansible has it, in every enclosing one.
      for (std::size_t i = 0; i < path.size(); ++i)
        hostGroups[host].push_back({static_cast<int>(i), path[i]});
      for (auto& [k, v] : readVars(kv.second)) hostVars[host][k] = v;
    }
  }
};

int toPort(const std::string& text, bool& ok) {
  try {
    std::size_t used = 0;
    int port = std::stoi(text, &used);
    ok = used == text.size() && port >= 1 && port <= 65535;
    return port;
  } catch (...) {
    ok = false;
    return 0;
  }
}

}  // namespace

bool loadYamlInventory(source::SourceManager& sources, const std::string& path,
                       source::SourceRange from, Inventory& inv, diag::DiagnosticEngine& diags) {
  auto loaded = sources.loadFile(path);
  if (loaded.id == source::kInvalidFile) {
    diags.report(DiagId::InventoryNotReadable, from, path, loaded.error);
    return false;
  }
  Reader reader{sources, loaded.id, diags, {}, {}, {}, {}, true};
  YAML::Node root;
  try {
    root = YAML::Load(std::string(sources.text(loaded.id)));
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
      std::vector<std::string> groupPath;
      reader.readGroup(kv.first.as<std::string>(), kv.first, kv.second, groupPath);
    }
  } catch (const YAML::Exception& e) {
    diags.report(DiagId::InventoryError, reader.at(e.mark), e.msg);
    return false;
  }

  for (auto& [name, groups] : reader.hostGroups) {
    // Outer groups first, then inner; at equal depth, by name; the host's own vars last.
    std::sort(groups.begin(), groups.end(), [](const Membership& a, const Membership& b) {
      return a.depth != b.depth ? a.depth < b.depth : a.group < b.group;
    });
    std::map<std::string, std::string> vars;
    std::set<std::string> tags;
    for (const auto& m : groups) {
      for (const auto& [k, v] : reader.groupVars[m.group]) vars[k] = v;
      if (m.group != "all" && m.group != "ungrouped") tags.insert(m.group);
    }
    for (const auto& [k, v] : reader.hostVars[name]) vars[k] = v;

    Host& host = inv.hosts[name];
    host.name = name;
    for (const auto& t : tags)
      if (std::find(host.tags.begin(), host.tags.end(), t) == host.tags.end())
        host.tags.push_back(t);
    std::sort(host.tags.begin(), host.tags.end());
    for (auto& [k, v] : vars) {
      if (k == "ansible_host")
        host.address = v;
      else if (k == "ansible_user")
        host.user = v;
      else if (k == "ansible_ssh_private_key_file")
        host.identityFile = v;
      else if (k == "ansible_connection") {
        if (v == "local")
          host.connection = "local";
        else if (v == "magicc_agent")
          host.connection = "magicc_agent";
        else if (v == "ssh" || v == "smart" || v == "paramiko")
          host.connection = "ssh";
        else
          diags.report(DiagId::InventoryError, reader.whereIs(k, v),
                       "ansible_connection of host '" + name + "' is '" + v +
                           "'; magicc connects with 'ssh', 'local' or 'magicc_agent'");
      } else if (k == "ansible_port") {
        bool ok = false;
        int port = toPort(v, ok);
        if (ok)
          host.port = port;
        else
          diags.report(DiagId::InventoryError, reader.whereIs(k, v),
                       "ansible_port of host '" + name + "' is not a port: '" + v + "'");
      } else {
        host.vars[k] = v;
      }
    }
    if (host.address.empty()) host.address = name;
  }
  return reader.ok;
}

void applyDiscovered(Inventory& inv, const std::map<std::string, Discovered>& discovered) {
  for (const auto& [name, found] : discovered) {
    auto it = inv.hosts.find(name);
    if (it == inv.hosts.end()) continue;
    Host& host = it->second;
    for (const auto& tag : found.tags)
      if (std::find(host.tags.begin(), host.tags.end(), tag) == host.tags.end())
        host.tags.push_back(tag);
    std::sort(host.tags.begin(), host.tags.end());
    for (const auto& [k, v] : found.vars) host.vars[k] = v;
  }
}

}  // namespace magicc::inventory
