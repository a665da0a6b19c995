// magicc inventory -i INV --list | --graph: the hosts and groups magicc reads
// from Ansible inventories, printed as `ansible-inventory` prints them.
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "Commands.h"
#include "frontend/Compilation.h"
#include "inventory/Inventory.h"

namespace magicc::driver {

namespace {

struct InventoryOptions {
  std::vector<std::string> inventories;
  bool list = false;
  bool graph = false;
  DiagnosticOptions diagnostics;
};

// ansible-inventory --list: groups with their own hosts and children, and
// every host's vars (resolved) under _meta.hostvars; keys sorted.
std::string listJson(const inventory::Inventory& inv) {
  nlohmann::json out = nlohmann::json::object();
  nlohmann::json hostvars = nlohmann::json::object();
  for (const auto& [name, host] : inv.hosts) {
    nlohmann::json vars = nlohmann::json::object();
    for (const auto& [k, v] : host.shownVars) vars[k] = nlohmann::json::parse(v, nullptr, false);
    hostvars[name] = std::move(vars);
  }
  out["_meta"]["hostvars"] = std::move(hostvars);
  for (const auto& [name, group] : inv.groups) {
    nlohmann::json g = nlohmann::json::object();
    if (name != "all" && !group.hosts.empty()) g["hosts"] = group.hosts;
    std::vector<std::string> children = group.children;
    if (name == "all") {
      // ungrouped first, as Ansible adds it first.
      std::erase(children, std::string("ungrouped"));
      children.insert(children.begin(), "ungrouped");
    }
    if (!children.empty()) g["children"] = children;
    if (!g.empty()) out[name] = std::move(g);
  }
  return out.dump(4, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// ansible-inventory --graph: @group: lines, children first, then hosts.
void graphGroup(const inventory::Inventory& inv, const std::string& name, int depth,
                std::string& out) {
  auto line = [&](const std::string& text, int d) {
    std::string prefix;
    for (int i = 0; i < d; ++i) prefix += "  |";
    out += d ? prefix + "--" + text + "\n" : text + "\n";
  };
  line("@" + name + ":", depth);
  auto it = inv.groups.find(name);
  if (it == inv.groups.end()) return;
  for (const auto& child : it->second.children) graphGroup(inv, child, depth + 1, out);
  if (name != "all")
    for (const auto& host : it->second.hosts) line(host, depth + 1);
}

int runInventory(const InventoryOptions& options) {
  frontend::Compilation compilation;
  compilation.leakOnExit();
  inventory::Inventory inv;
  inventory::InventoryLoader loader(compilation.sources(), compilation.diags());
  for (const auto& path : options.inventories) loader.add(path, {});
  loader.finish(inv);
  if (compilation.diags().hasErrors() || compilation.diags().warningCount()) {
    emitDiagnostics(compilation.diags(), compilation.sources(), options.diagnostics);
    if (compilation.diags().hasErrors()) {
      bool unreadable = false;
      for (const auto& d : compilation.diags().diagnostics())
        unreadable = unreadable || d.id == diag::DiagId::InventoryNotReadable;
      return unreadable ? kExitUsage : kExitProgramErrors;
    }
  }
  std::string out;
  if (options.graph) {
    graphGroup(inv, "all", 0, out);
  } else {
    out = listJson(inv);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

Subcommand addInventoryCommand(CLI::App& magicc) {
  auto options = std::make_shared<InventoryOptions>();
  auto* cmd = magicc.add_subcommand(
      "inventory", "Show the hosts and groups of Ansible inventories, as ansible-inventory does");
  cmd->add_option("-i,--inventory", options->inventories,
                  "An inventory: YAML, INI or a directory (repeatable)")
      ->required();
  auto* list = cmd->add_flag("--list", options->list,
                             "Print groups and hosts' vars as JSON (ansible-inventory --list)");
  auto* graph = cmd->add_flag("--graph", options->graph,
                              "Print the groups as a tree (ansible-inventory --graph)");
  list->excludes(graph);
  addDiagnosticOptions(*cmd, options->diagnostics);
  return {cmd, [options] {
            if (!options->list && !options->graph) {
              std::fprintf(stderr, "magicc: error: magicc inventory takes --list or --graph\n");
              return kExitUsage;
            }
            return runInventory(*options);
          }};
}

}  // namespace magicc::driver
