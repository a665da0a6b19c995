#include "plan/Render.h"

#include <fmt/format.h>

#include <algorithm>

namespace magicc::plan {

namespace {

std::string joined(const Json& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n.get<std::string>();
  return out;
}

std::string plural(std::size_t n, const char* word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

}  // namespace

std::string renderText(const Json& plan) {
  std::string out;
  std::size_t maxWaves = 0, items = 0, resources = 0, edges = 0;
  for (const auto& t : plan.at("targets")) {
    out += fmt::format("target {}", t.at("target").get<std::string>());
    if (t.contains("address")) out += fmt::format(" ({})", t.at("address").get<std::string>());
    out += fmt::format("  requirements: [{}]\n", joined(t.at("requirements")));
    std::size_t w = 0;
    for (const auto& wave : t.at("waves")) out += fmt::format("  wave {}: {}\n", ++w, joined(wave));
    maxWaves = std::max(maxWaves, w);
    for (const auto& f : t.at("filtered"))
      out += fmt::format("  filtered {}: {}\n", f.at("name").get<std::string>(),
                         f.at("reason").get<std::string>());
    for (const auto& f : t.at("flows"))
      out += fmt::format("  flow {} -> {}{}\n", f.at("from").get<std::string>(),
                         f.at("to").get<std::string>(), f.at("sensitive").get<bool>() ? " (sensitive)" : "");
    const auto& c = t.at("counts");
    items = std::max(items, c.at("items").get<std::size_t>());
    resources = std::max(resources, c.at("resources").get<std::size_t>());
    edges = std::max(edges, c.at("edges").get<std::size_t>());
    out += fmt::format("  {}, {}, {}, {}\n", plural(c.at("items").get<std::size_t>(), "item"),
                       plural(c.at("resources").get<std::size_t>(), "resource"),
                       plural(c.at("edges").get<std::size_t>(), "edge"), plural(w, "wave"));
  }
  if (plan.contains("pipeline")) {
    const auto& p = plan.at("pipeline");
    std::string params;
    for (const auto& [k, v] : p.at("params").items())
      params += (params.empty() ? "" : ", ") + k + "=" +
                (v.is_string() ? v.get<std::string>() : v.dump());
    out += fmt::format("pipeline {}({})\n", p.at("name").get<std::string>(), params);
    for (const auto& s : p.at("stages")) {
      out += fmt::format("  stage {}: {}", s.at("name").get<std::string>(),
                         plural(s.at("tasks").size(), "task"));
      if (s.contains("local") && s.at("local").get<bool>()) {
        out += " (local)\n";
        continue;
      }
      std::size_t b = 0;
      out += "\n";
      for (const auto& batch : s.at("batches")) out += fmt::format("    batch {}: {}\n", ++b, joined(batch));
    }
  }
  std::size_t targets = plan.at("targets").size();
  if (targets == 0) return out;  // a pipeline alone
  out += fmt::format("{}, {}, {}, {}, {}\n", plural(items, "item"), plural(resources, "resource"),
                     plural(edges, "edge"), plural(maxWaves, "wave"), plural(targets, "target"));
  return out;
}

std::string renderDot(const Json& plan) {
  std::string out = "digraph plan {\n  rankdir=LR;\n  node [shape=box];\n";
  for (const auto& t : plan.at("targets")) {
    std::string target = t.at("target").get<std::string>();
    out += fmt::format("  subgraph \"cluster_{}\" {{\n    label=\"{}\";\n", target, target);
    for (const auto& n : t.at("nodes")) {
      std::string name = n.at("name").get<std::string>();
      std::string shape = n.at("type") == "resource" ? " shape=ellipse" : "";
      out += fmt::format("    \"{}/{}\" [label=\"{}\"{}];\n", target, name, name, shape);
      for (const auto& d : n.at("depends"))
        out += fmt::format("    \"{}/{}\" -> \"{}/{}\";\n", target, d.get<std::string>(), target, name);
    }
    out += "  }\n";
  }
  out += "}\n";
  return out;
}

}  // namespace magicc::plan
