// magicc plan/run --list-hosts: what would be touched, like
// `ansible-playbook --list-hosts`, and nothing run.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "PreparedPlan.h"

namespace magicc::driver {

namespace {

void hostLines(std::string& out, const std::vector<std::string>& hosts, const char* indent) {
  out += fmt::format("{}hosts ({}):\n", indent, hosts.size());
  for (const auto& h : hosts) out += fmt::format("{}  {}\n", indent, h);
}

}  // namespace

int printHostList(const PreparedPlan& prepared, const plan::PipelinePlan* pipeline) {
  std::string out;
  std::string file =
      std::filesystem::path(prepared.sources().name(prepared.program->modules.front()->file))
          .filename()
          .string();
  if (!pipeline) {
    out += fmt::format("program: {}\n", file);
    std::vector<std::string> hosts;
    for (const auto& t : prepared.targets) hosts.push_back(t.name);
    hostLines(out, hosts, "  ");
  } else {
    out += fmt::format("program: {}, pipeline: {}\n", file, pipeline->name);
    int number = 0;
    for (const auto& stage : pipeline->stages) {
      ++number;
      if (stage.local()) {
        out += fmt::format("  stage #{} ({}): here (no on:)\n", number, stage.name);
        continue;
      }
      out += fmt::format("  stage #{} ({}): on: {}\n", number, stage.name, *stage.on);
      std::vector<std::string> hosts;
      for (const auto& batch : stage.batches) hosts.insert(hosts.end(), batch.begin(), batch.end());
      hostLines(out, hosts, "    ");
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace magicc::driver
