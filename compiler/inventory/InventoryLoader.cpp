// Inventory sources (files and directories, YAML and INI), group_vars/ and
// host_vars/, and the resolution Ansible does: every host in `all`, hosts of
// no other group in `ungrouped`, vars from outer groups to inner ones (by
// depth, then name) to the host, files under group_vars/ and host_vars/ over
// the inventory's own.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "inventory/Draft.h"
#include "inventory/Inventory.h"

namespace magicc::inventory {

using diag::DiagId;
namespace fs = std::filesystem;

namespace {

bool endsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// What Ansible skips in an inventory directory: hidden files, group_vars,
// host_vars and vars_plugins, and INVENTORY_IGNORE_EXTS (backups, editors'
// swap files, docs, and .ini/.cfg, which are Ansible's configuration).
bool ignoredInDirectory(const std::string& name) {
  if (name.empty() || name[0] == '.' || name == "group_vars" || name == "host_vars" ||
      name == "vars_plugins")
    return true;
  for (std::string_view ext : {".pyc", ".pyo", ".swp", ".bak", "~", ".rpm", ".md", ".txt", ".rst",
                               ".orig", ".ini", ".cfg", ".retry"})
    if (endsWith(name, ext)) return true;
  return false;
}

// YAML by its extension, or by its first line that says something; INI else.
bool looksLikeYaml(const std::string& path, std::string_view text) {
  std::string ext = fs::path(path).extension().string();
  if (ext == ".yml" || ext == ".yaml" || ext == ".json") return true;
  std::size_t from = 0;
  while (from < text.size()) {
    std::size_t end = text.find('\n', from);
    std::string_view line = text.substr(from, end == std::string_view::npos ? end : end - from);
    from = end == std::string_view::npos ? text.size() : end + 1;
    std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#' || line[first] == ';') continue;
    line = line.substr(first);
    if (line[0] == '[') return false;
    if (line.substr(0, 3) == "---" || line[0] == '{') return true;
    std::size_t colon = line.find(':');
    return colon != std::string_view::npos &&
           (colon + 1 == line.size() || line[colon + 1] == ' ' || line[colon + 1] == '\r') &&
           line.find('=') == std::string_view::npos;
  }
  return false;
}

// group_vars/NAME, NAME.yml, NAME.yaml, NAME.json, and every such file under
// a directory NAME/ (recursively, in name order), as Ansible's
// host_group_vars plugin finds them.
// A host or group whose name is no file name (`/`, `..`, `a/b`) has none:
// its name would lead the search out of group_vars/. Directories are walked
// once each, so a symbolic link back up ends the walk instead of looping.
std::vector<std::string> varsFilesFor(const fs::path& dir, const std::string& name) {
  std::vector<std::string> found;
  if (name.empty() || name == "." || name == ".." ||
      name.find_first_of(std::string_view("/\0", 2)) != std::string::npos)
    return found;
  std::error_code ec;
  for (std::string_view ext : {"", ".yml", ".yaml", ".json"}) {
    fs::path p = dir / (name + std::string(ext));
    if (fs::is_regular_file(p, ec)) found.push_back(p.string());
  }
  fs::path sub = dir / name;
  if (!fs::is_directory(sub, ec)) return found;
  std::vector<fs::path> pending{sub};
  std::set<fs::path> walked;
  std::vector<std::string> inDir;
  while (!pending.empty()) {
    fs::path d = pending.back();
    pending.pop_back();
    if (!walked.insert(fs::canonical(d, ec)).second || ec) continue;
    for (fs::directory_iterator it(d, ec), end; !ec && it != end; it.increment(ec)) {
      std::string leaf = it->path().filename().string();
      if (leaf.empty() || leaf[0] == '.' || endsWith(leaf, "~")) continue;
      std::string ext = it->path().extension().string();
      if (it->is_directory(ec) && ext.empty())
        pending.push_back(it->path());
      else if (it->is_regular_file(ec) &&
               (ext.empty() || ext == ".yml" || ext == ".yaml" || ext == ".json"))
        inDir.push_back(it->path().string());
    }
  }
  std::sort(inDir.begin(), inDir.end());
  found.insert(found.end(), inDir.begin(), inDir.end());
  return found;
}

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

// A level of vars over what is there: a var replaces its old entries too
// (Ansible's hash_behaviour=replace).
void applyVars(const DraftVars& level, DraftVars& into) {
  for (const auto& [name, value] : level) {
    if (!value.nested) {
      std::string prefix = name + ".";
      for (auto it = into.lower_bound(prefix); it != into.end() && it->first.rfind(prefix, 0) == 0;)
        it = into.erase(it);
    }
    into[name] = value;
  }
}

}  // namespace

InventoryLoader::InventoryLoader(source::SourceManager& sources, diag::DiagnosticEngine& diags)
    : sources_(sources), diags_(diags), draft_(std::make_unique<Draft>()) {}

InventoryLoader::~InventoryLoader() = default;

bool InventoryLoader::add(const std::string& path, source::SourceRange from) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    draft_->baseDirs.push_back(fs::path(path).parent_path().string());
    return addFile(path, from);
  }
  draft_->baseDirs.push_back(path);
  bool ok = true;
  std::vector<fs::path> entries;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
    if (!ignoredInDirectory(it->path().filename().string())) entries.push_back(it->path());
  std::sort(entries.begin(), entries.end());
  for (const auto& entry : entries) {
    if (fs::is_directory(entry, ec)) {
      ok = add(entry.string(), from) && ok;
      draft_->baseDirs.pop_back();  // group_vars/ are the top directory's
    } else {
      ok = addFile(entry.string(), from) && ok;
    }
  }
  return ok;
}

bool InventoryLoader::addFile(const std::string& path, source::SourceRange from) {
  auto loaded = sources_.loadFile(path);
  if (loaded.id == source::kInvalidFile) {
    diags_.report(DiagId::InventoryNotReadable, from, path, loaded.error);
    return false;
  }
  if (looksLikeYaml(path, sources_.text(loaded.id)))
    return readYamlInventory(sources_, loaded.id, *draft_, diags_);
  return readIniInventory(sources_, loaded.id, *draft_, diags_);
}

void InventoryLoader::readVarsFiles() {
  std::set<std::string> seen;
  for (const auto& base : draft_->baseDirs) {
    if (!seen.insert(base).second) continue;
    fs::path dir = base.empty() ? fs::path(".") : fs::path(base);
    auto read = [&](const std::string& file, DraftVars& into) {
      auto loaded = sources_.loadFile(file);
      if (loaded.id == source::kInvalidFile) {
        diags_.report(DiagId::InventoryNotReadable, source::SourceRange{}, file, loaded.error);
        return;
      }
      readYamlVars(sources_, loaded.id, into, diags_);
    };
    for (auto& [name, group] : draft_->groups)
      for (const auto& file : varsFilesFor(dir / "group_vars", name)) read(file, group.fileVars);
    for (auto& [name, host] : draft_->hosts)
      for (const auto& file : varsFilesFor(dir / "host_vars", name)) read(file, host.fileVars);
  }
}

void InventoryLoader::finish(Inventory& inv) {
  Draft& d = *draft_;
  d.groups["all"];
  d.groups["ungrouped"];
  readVarsFiles();
  // Parents, and every group without one under `all`.
  std::map<std::string, std::set<std::string>> parents;
  for (const auto& [name, group] : d.groups)
    for (const auto& child : group.children) parents[child].insert(name);
  for (auto& [name, group] : d.groups)
    if (name != "all" && parents[name].empty()) {
      d.groups["all"].children.insert(name);
      parents[name].insert("all");
    }
  // Hosts in no group but `all` (and `ungrouped`) are ungrouped; no others are.
  std::map<std::string, std::set<std::string>> direct;
  for (const auto& [name, group] : d.groups)
    for (const auto& host : group.hosts) direct[host].insert(name);
  for (const auto& [host, unused] : d.hosts) {
    std::set<std::string>& in = direct[host];
    in.erase("all");
    bool grouped =
        std::any_of(in.begin(), in.end(), [](const auto& g) { return g != "ungrouped"; });
    if (grouped) {
      in.erase("ungrouped");
      d.groups["ungrouped"].hosts.erase(host);
    } else {
      in.insert("ungrouped");
      d.groups["ungrouped"].hosts.insert(host);
    }
    d.groups["all"].hosts.erase(host);
  }
  // Depth: the longest way down from `all` (a loop is reported, not followed).
  std::map<std::string, int> depth{{"all", 0}};
  std::vector<std::pair<std::string, std::vector<std::string>>> stack{{"all", {"all"}}};
  while (!stack.empty()) {
    auto [name, path] = std::move(stack.back());
    stack.pop_back();
    for (const auto& child : d.groups[name].children) {
      if (std::find(path.begin(), path.end(), child) != path.end()) {
        const auto& where = d.groups[name].childAt;
        auto at = where.find(child);
        diags_.report(DiagId::InventoryError,
                      at == where.end() ? source::SourceRange{} : at->second,
                      "group '" + child + "' contains itself (through '" + name + "')");
        continue;
      }
      int deeper = static_cast<int>(path.size());
      if (depth.count(child) && depth[child] >= deeper) continue;
      depth[child] = deeper;
      auto next = path;
      next.push_back(child);
      stack.push_back({child, std::move(next)});
    }
  }
  // A loop that `all` does not reach: its groups all have parents.
  for (const auto& [name, group] : d.groups)
    if (!depth.count(name))
      for (const auto& parent : parents[name])
        if (auto at = d.groups[parent].childAt.find(name); at != d.groups[parent].childAt.end()) {
          diags_.report(DiagId::InventoryError, at->second,
                        "group '" + name + "' contains itself (through '" + parent + "')");
          break;
        }
  auto groupOrder = [&](const std::string& a, const std::string& b) {
    return depth[a] != depth[b] ? depth[a] < depth[b] : a < b;
  };

  for (auto& [name, group] : d.groups) {
    Group& out = inv.groups[name];
    for (const auto& h : group.hosts)
      if (std::find(out.hosts.begin(), out.hosts.end(), h) == out.hosts.end())
        out.hosts.push_back(h);
    for (const auto& c : group.children)
      if (std::find(out.children.begin(), out.children.end(), c) == out.children.end())
        out.children.push_back(c);
    std::sort(out.hosts.begin(), out.hosts.end());
    std::sort(out.children.begin(), out.children.end());
  }

  for (auto& [name, draftHost] : d.hosts) {
    // Every group the host is in: its own and their ancestors.
    std::set<std::string> groups{"all"};
    std::vector<std::string> pending(direct[name].begin(), direct[name].end());
    while (!pending.empty()) {
      std::string g = pending.back();
      pending.pop_back();
      if (!groups.insert(g).second) continue;
      for (const auto& p : parents[g]) pending.push_back(p);
    }
    std::vector<std::string> ordered(groups.begin(), groups.end());
    std::sort(ordered.begin(), ordered.end(), groupOrder);
    DraftVars vars;
    for (const auto& g : ordered) applyVars(d.groups[g].vars, vars);
    applyVars(d.groups["all"].fileVars, vars);
    for (const auto& g : ordered)
      if (g != "all") applyVars(d.groups[g].fileVars, vars);
    applyVars(draftHost.vars, vars);
    applyVars(draftHost.fileVars, vars);

    Host& host = inv.hosts[name];
    host.name = name;
    for (const auto& g : ordered)
      if (g != "all" && g != "ungrouped" &&
          std::find(host.tags.begin(), host.tags.end(), g) == host.tags.end())
        host.tags.push_back(g);
    std::sort(host.tags.begin(), host.tags.end());
    for (auto& [k, value] : vars) {
      const std::string& v = value.text;
      if (!value.nested)
        host.shownVars[k] =
            value.typed.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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
          diags_.report(DiagId::InventoryError, value.at,
                        "ansible_connection of host '" + name + "' is '" + v +
                            "'; magicc connects with 'ssh', 'local' or 'magicc_agent'");
      } else if (k == "ansible_port") {
        bool ok = false;
        int port = toPort(v, ok);
        if (ok)
          host.port = port;
        else
          diags_.report(DiagId::InventoryError, value.at,
                        "ansible_port of host '" + name + "' is not a port: '" + v + "'");
      } else {
        host.vars[k] = v;
      }
    }
    if (host.address.empty()) host.address = name;
  }
  draft_ = std::make_unique<Draft>();
}

bool loadYamlInventory(source::SourceManager& sources, const std::string& path,
                       source::SourceRange from, Inventory& inv, diag::DiagnosticEngine& diags) {
  std::size_t errors = diags.errorCount();
  InventoryLoader loader(sources, diags);
  loader.add(path, from);
  loader.finish(inv);
  return diags.errorCount() == errors;
}

}  // namespace magicc::inventory

namespace magicc::inventory {

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
