// Code lens on stages: the hosts the stage's `on:` matches in the
// program's inventory (Hosts.h), and its batches. The lenses only inform:
// their command is empty.
#include "lsp/Diagnostics.h"
#include "lsp/Features.h"
#include "lsp/Hosts.h"

namespace magicc::lsp {

namespace {

// "a, b, c" or "a, b, c and 4 more".
std::string list(const std::vector<std::string>& names, std::size_t shown = 3) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < shown; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > shown) out += " and " + std::to_string(names.size() - shown) + " more";
  return out;
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string title(const StageHosts& s) {
  if (s.local) return "runs locally (no on:)";
  if (s.hosts.empty()) return "no inventory host matches";
  std::string out = plural(s.hosts.size(), "host", "hosts") + ": " + list(s.hosts);
  out += "; " + plural(s.batches.size(), "batch", "batches");
  if (s.batches.size() > 1) out += " of " + std::to_string(s.batches.front().size());
  return out;
}

}  // namespace

json codeLens(Context& c, const json& params) {
  std::string uri = documentUri(params);
  c.workspace.get(uri);  // InvalidParams for a document that is not open
  const Analysis& a = c.workspace.analysis(uri);
  json lenses = json::array();
  for (const StageHosts& s : stageHosts(a, programInventory(a, c.inventories)))
    lenses.push_back(
        {{"range", rangeOf(*a.compilation, s.stage->name.range, c.encoding)},
         {"command", {{"title", title(s)}, {"command", ""}}},
         {"data", {{"pipeline", s.pipeline}, {"stage", s.stage->name.name}, {"hosts", s.hosts}}}});
  return lenses;
}

}  // namespace magicc::lsp
