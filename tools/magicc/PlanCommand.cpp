// magicc plan / magicc graph: what would run, where, in what order.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "Commands.h"
#include "Compilation.h"
#include "ir/Graph.h"
#include "plan/Render.h"

namespace magicc::driver {

namespace {

bool endsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// --require a,b --require c: one sorted, de-duplicated list.
std::vector<std::string> splitRequirements(const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  for (const auto& r : raw) {
    std::stringstream in(r);
    std::string part;
    while (std::getline(in, part, ','))
      if (!part.empty()) out.push_back(part);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string dumpJson(const plan::Json& doc) { return doc.dump(2) + "\n"; }

int emitPlan(const plan::Json& doc, const PlanOptions& options) {
  if (!options.output.empty()) {
    std::ofstream out(options.output, std::ios::binary | std::ios::trunc);
    out << dumpJson(doc);
    if (!out) {
      std::fprintf(stderr, "magicc: error: cannot write '%s'\n", options.output.c_str());
      return kExitUsage;
    }
  }
  std::string text = options.format == "json"  ? dumpJson(doc)
                     : options.format == "dot" ? plan::renderDot(doc)
                                               : plan::renderText(doc);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

// A saved plan is shown again exactly as it was written.
int replan(const PlanOptions& options) {
  std::ifstream in(options.file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "magicc: error: cannot read '%s'\n", options.file.c_str());
    return kExitUsage;
  }
  plan::Json doc = plan::Json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("targets")) {
    std::fprintf(stderr, "magicc: error: '%s' is not a magicc plan\n", options.file.c_str());
    return kExitUsage;
  }
  return emitPlan(doc, options);
}

}  // namespace

int runPlan(const PlanOptions& options) {
  if (endsWith(options.file, ".json")) return replan(options);

  Compilation compilation;
  compilation.diags().setErrorLimit(options.diagnostics.errorLimit);
  auto program = compilation.load(options.file);
  if (!program) {
    emitDiagnostics(compilation.diags(), compilation.sources(), options.diagnostics);
    return kExitUsage;
  }
  sema::SemanticModel model = compilation.analyze(*program);
  if (compilation.diags().hasErrors()) {
    emitDiagnostics(compilation.diags(), compilation.sources(), options.diagnostics);
    return kExitProgramErrors;
  }
  if (compilation.diags().warningCount())
    emitDiagnostics(compilation.diags(), compilation.sources(), options.diagnostics);

  ir::Graph graph = ir::buildGraph(model, compilation.sources());
  plan::Target local;
  local.name = "local";
  local.requirements = splitRequirements(options.require);
  for (const auto& r : local.requirements) local.reqs.tags.insert(graph.names.intern(r));

  plan::Json doc;
  doc["version"] = plan::kPlanVersion;
  doc["source"] = options.file;
  doc["source_hash"] = compilation.sourceHash(*program);
  doc["targets"] = plan::planTargets(graph, {local}, {});
  return emitPlan(doc, options);
}

}  // namespace magicc::driver
