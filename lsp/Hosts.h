// The hosts a program's stages run on, for code lens, hover and tag
// completion: the inventory `magicc plan` would see (the program's own
// `inventory "..."` statements, paths relative to the declaring file, its
// `host` declarations, plus the server's --inventory files, like -i), and
// each stage's `on:` matched against it with the params' defaults.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "inventory/Inventory.h"
#include "lsp/Workspace.h"

namespace magicc::lsp {

// The program's inventory; files that cannot be read add no hosts.
inventory::Inventory programInventory(const Analysis& a, const std::vector<std::string>& extra);

struct StageHosts {
  const syntax::StageDecl* stage = nullptr;
  std::string pipeline;
  bool local = true;               // no `on:`: the stage runs here
  std::vector<std::string> hosts;  // matched, in name order
  std::vector<std::vector<std::string>> batches;
};

// Every stage of every pipeline declared in the analysed document.
std::vector<StageHosts> stageHosts(const Analysis& a, const inventory::Inventory& inv);

// The hosts an `on:`-like condition matches, with the params' defaults (a
// stage's: its pipeline's over the top-level ones).
std::vector<std::string> matchingHosts(const Analysis& a, const inventory::Inventory& inv,
                                       const syntax::Expr& condition,
                                       const syntax::PipelineDecl* pipeline = nullptr);

// Every tag the inventory's hosts carry (groups and host tags), sorted.
std::vector<std::string> inventoryTags(const inventory::Inventory& inv);

}  // namespace magicc::lsp
