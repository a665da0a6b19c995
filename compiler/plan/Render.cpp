#include "plan/Render.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "support/Utf8.h"

namespace magicc::plan {

// The renderers read only what checkPlan() (PlanFile.h) guarantees of a saved
// plan. Every string they print comes through shown(): a saved plan is
// untrusted, and a name must not carry control bytes to the terminal.

namespace {

std::string shown(const Json& s) {
  const auto& text = s.get_ref<const std::string&>();
  return support::printable(text, text.size());
}

// Inside a dot "quoted ID".
std::string dotShown(const Json& s) {
  std::string out;
  for (char c : shown(s)) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string joined(const Json& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + shown(n);
  return out;
}

std::string plural(std::size_t n, const char* word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// A stage's commands: once when every task runs the same, else per task.
std::string stageCommands(const Json& tasks) {
  std::vector<const Json*> commands;
  for (const auto& t : tasks)
    if (t.contains("command")) commands.push_back(&t.at("command"));
  if (commands.empty()) return "";
  bool same = commands.size() == tasks.size() &&
              std::all_of(commands.begin(), commands.end(),
                          [&](const Json* c) { return *c == *commands.front(); });
  if (same) return fmt::format("    run: {}\n", shown(*commands.front()));
  std::string out;
  for (const auto& t : tasks) {
    if (!t.contains("command")) continue;
    std::string who = t.contains("host") && t.at("host").is_string() ? shown(t.at("host")) : "?";
    if (t.contains("each") && t.at("each").is_string()) who += " [" + shown(t.at("each")) + "]";
    out += fmt::format("    run on {}: {}\n", who, shown(t.at("command")));
  }
  return out;
}

}  // namespace

std::string renderText(const Json& plan) {
  std::string out;
  std::size_t maxWaves = 0, items = 0, resources = 0, edges = 0;
  for (const auto& t : plan.at("targets")) {
    out += fmt::format("target {}", shown(t.at("target")));
    if (t.contains("address")) out += fmt::format(" ({})", shown(t.at("address")));
    out += fmt::format("  requirements: [{}]\n", joined(t.at("requirements")));
    // make-magic's TaskComplete is the plan's bookkeeping, not the operator's:
    // the JSON keeps it, the text leaves it and its edges out.
    std::size_t internalEdges = 0;
    for (const auto& n : t.at("nodes"))
      if (n.at("type") == "task_complete") internalEdges += n.at("depends").size();
    std::size_t w = 0;
    for (const auto& wave : t.at("waves")) {
      Json shownWave = Json::array();
      for (const auto& name : wave)
        if (name != "TaskComplete") shownWave.push_back(name);
      if (!shownWave.empty()) out += fmt::format("  wave {}: {}\n", ++w, joined(shownWave));
    }
    maxWaves = std::max(maxWaves, w);
    // What each node will run, values in place, as `terraform plan` shows its changes.
    for (const auto& n : t.at("nodes")) {
      if (n.contains("command"))
        out += fmt::format("  run {}: {}\n", shown(n.at("name")), shown(n.at("command")));
      for (const char* from : {"source", "template"})
        if (n.contains(from))
          out += fmt::format("  {} {}: {} ({})\n", from, shown(n.at("name")),
                             shown(n.at(from).at("path")), shown(n.at(from).at("sha256")));
    }
    for (const auto& f : t.at("filtered"))
      out += fmt::format("  filtered {}: {}\n", shown(f.at("name")), shown(f.at("reason")));
    for (const auto& f : t.at("flows"))
      out += fmt::format("  flow {} -> {}{}\n", shown(f.at("from")), shown(f.at("to")),
                         f.at("sensitive").get<bool>() ? " (sensitive)" : "");
    const auto& c = t.at("counts");
    items = std::max(items, c.at("items").get<std::size_t>());
    resources = std::max(resources, c.at("resources").get<std::size_t>());
    std::size_t targetEdges = c.at("edges").get<std::size_t>();
    targetEdges -= std::min(targetEdges, internalEdges);
    edges = std::max(edges, targetEdges);
    out += fmt::format("  {}, {}, {}, {}\n", plural(c.at("items").get<std::size_t>(), "item"),
                       plural(c.at("resources").get<std::size_t>(), "resource"),
                       plural(targetEdges, "edge"), plural(w, "wave"));
  }
  if (plan.contains("pipeline")) {
    const auto& p = plan.at("pipeline");
    std::string params;
    for (const auto& [k, v] : p.at("params").items())
      params += (params.empty() ? "" : ", ") + support::printable(k, k.size()) + "=" +
                (v.is_string() ? shown(v) : v.dump(-1, ' ', false, Json::error_handler_t::replace));
    out += fmt::format("pipeline {}({})\n", shown(p.at("name")), params);
    for (const auto& s : p.at("stages")) {
      out +=
          fmt::format("  stage {}: {}", shown(s.at("name")), plural(s.at("tasks").size(), "task"));
      if (s.contains("local") && s.at("local").get<bool>()) {
        out += " (local)\n";
      } else {
        std::size_t b = 0;
        out += "\n";
        for (const auto& batch : s.at("batches"))
          out += fmt::format("    batch {}: {}\n", ++b, joined(batch));
      }
      out += stageCommands(s.at("tasks"));
    }
    if (p.contains("skipped_stages"))
      out += fmt::format("  left out (--stage, --start-at-stage): {}\n",
                         joined(p.at("skipped_stages")));
  }
  std::size_t targets = plan.at("targets").size();
  if (targets == 0) return out;  // a pipeline alone
  out += fmt::format("{}, {}, {}, {}, {}\n", plural(items, "item"), plural(resources, "resource"),
                     plural(edges, "edge"), plural(maxWaves, "wave"), plural(targets, "target"));
  return out;
}

namespace {

// A pipeline as a chain: a cluster per stage, a node per batch (its hosts),
// each batch after the one before it.
std::string dotPipeline(const Json& p) {
  std::string out;
  std::string previous;
  for (const auto& s : p.at("stages")) {
    std::string stage = dotShown(s.at("name"));
    out +=
        fmt::format("  subgraph \"cluster_stage_{}\" {{\n    label=\"stage {}\";\n", stage, stage);
    std::vector<std::pair<std::string, std::string>> steps;  // id, label
    if (s.contains("local") && s.at("local").get<bool>()) {
      steps.emplace_back(fmt::format("stage/{}/local", stage), "local");
    } else {
      std::size_t b = 0;
      for (const auto& batch : s.at("batches")) {
        ++b;
        steps.emplace_back(fmt::format("stage/{}/batch{}", stage, b),
                           fmt::format("batch {}\\n{}", b, dotShown(Json(joined(batch)))));
      }
    }
    for (const auto& [id, label] : steps) {
      out += fmt::format("    \"{}\" [label=\"{}\"];\n", id, label);
      if (!previous.empty()) out += fmt::format("    \"{}\" -> \"{}\";\n", previous, id);
      previous = id;
    }
    out += "  }\n";
  }
  return out;
}

}  // namespace

std::string renderDot(const Json& plan) {
  std::string out = "digraph plan {\n  rankdir=LR;\n  node [shape=box];\n";
  for (const auto& t : plan.at("targets")) {
    std::string target = dotShown(t.at("target"));
    out += fmt::format("  subgraph \"cluster_{}\" {{\n    label=\"{}\";\n", target, target);
    for (const auto& n : t.at("nodes")) {
      if (n.at("type") == "task_complete") continue;  // bookkeeping, as in the text
      std::string name = dotShown(n.at("name"));
      std::string shape = n.at("type") == "resource" ? " shape=ellipse" : "";
      out += fmt::format("    \"{}/{}\" [label=\"{}\"{}];\n", target, name, name, shape);
      for (const auto& d : n.at("depends"))
        out += fmt::format("    \"{}/{}\" -> \"{}/{}\";\n", target, dotShown(d), target, name);
    }
    out += "  }\n";
  }
  if (plan.contains("pipeline")) out += dotPipeline(plan.at("pipeline"));
  out += "}\n";
  return out;
}

}  // namespace magicc::plan
