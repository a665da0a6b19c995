// Code actions: every fix-it the compiler attached to a diagnostic in the
// requested range, as a quick fix (the and/or mix's is "add parentheses").
#include "diag/Diagnostic.h"
#include "lsp/Diagnostics.h"
#include "lsp/Features.h"

namespace magicc::lsp {

namespace {

std::string titleOf(const json& diagnostic) {
  std::string code = diagnostic.value("code", "");
  if (code == "MixedAndOr") return "Add parentheses around the '&'";
  return "Fix: " + diagnostic.value("message", std::string());
}

// A '$NAME' gets two fix-its that are alternatives, not parts of one edit.
bool fixesAreAlternatives(const json& diagnostic) {
  std::string code = diagnostic.value("code", "");
  return code == "LoneDollar" || code == "ShellVariableNamesValue";
}

bool overlaps(const Range& a, const Range& b) {
  return !(a.end < b.start) && !(b.end < a.start);
}

}  // namespace

json codeAction(Context& c, const json& params) {
  std::string uri = documentUri(params);
  Range range = required<Range>(params, "range");
  // Fresh diagnostics rather than the client's copy: not every client keeps `data`.
  json diagnostics = diagnosticsOf(c.workspace.analysis(uri), c.encoding);
  json out = json::array();
  for (const json& d : diagnostics) {
    if (!d.contains("data") || !overlaps(d["range"].get<Range>(), range)) continue;
    if (fixesAreAlternatives(d)) {
      bool first = true;
      for (const json& fix : d["data"]["fixes"]) {
        json action = {{"title", "Write it as " + fix.value("newText", std::string())},
                       {"kind", "quickfix"},
                       {"diagnostics", json::array({d})},
                       {"edit", {{"changes", {{uri, json::array({fix})}}}}}};
        if (first) action["isPreferred"] = true;
        first = false;
        out.push_back(std::move(action));
      }
      continue;
    }
    json edit = {{"changes", {{uri, d["data"]["fixes"]}}}};
    json action = {{"title", titleOf(d)},
                   {"kind", "quickfix"},
                   {"diagnostics", json::array({d})},
                   {"edit", edit}};
    if (d.value("code", "") == "MixedAndOr") action["isPreferred"] = true;
    out.push_back(std::move(action));
  }
  return out;
}

}  // namespace magicc::lsp
