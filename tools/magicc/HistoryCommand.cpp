// magicc runs / magicc show: what a program's state journal says ran, as
// `terraform show` and Ansible's callback summaries give it. Both read the
// journal without its lock, so they work while a run is under way.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "Commands.h"
#include "store/AuditLog.h"
#include "store/RunHistory.h"
#include "store/StateFiles.h"

namespace magicc::driver {

namespace {

using Json = nlohmann::json;

struct HistoryFlags {
  std::vector<std::string> args;  // [PROGRAM] [RUN]
  std::string state;
  bool json = false;
};

// The journal a program's runs go to (as run's --state default) and the run asked for.
bool locate(const HistoryFlags& flags, bool takesRun, std::string& journal, std::string& run) {
  std::size_t next = 0;
  if (flags.state.empty()) {
    if (flags.args.empty()) {
      std::fprintf(stderr, "magicc: error: name the program (or its journal with --state)\n");
      return false;
    }
    journal = store::defaultJournalPath(flags.args[next++]);
  } else {
    journal = flags.state;
  }
  if (next < flags.args.size()) {
    if (!takesRun) {
      std::fprintf(stderr, "magicc: error: unexpected '%s'\n", flags.args[next].c_str());
      return false;
    }
    run = flags.args[next++];
  }
  if (next < flags.args.size()) {
    std::fprintf(stderr, "magicc: error: unexpected '%s'\n", flags.args[next].c_str());
    return false;
  }
  return true;
}

std::string duration(double seconds) {
  if (seconds < 60) return fmt::format("{:.1f}s", seconds);
  auto s = static_cast<long long>(seconds);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}h{:02}m", s / 3600, s % 3600 / 60);
}

int count(const store::RunSummary& r, const char* state) {
  auto it = r.states.find(state);
  return it == r.states.end() ? 0 : it->second;
}

// "12 ok (3 changed), 1 failed, 2 skipped, 4 not run"
std::string counts(const store::RunSummary& r) {
  std::string out = fmt::format("{} ok", count(r, "COMPLETE"));
  if (r.changed) out += fmt::format(" ({} changed)", r.changed);
  if (int n = count(r, "FAILED")) out += fmt::format(", {} failed", n);
  if (int n = count(r, "SKIPPED")) out += fmt::format(", {} skipped", n);
  if (int n = count(r, "IN_PROGRESS")) out += fmt::format(", {} running", n);
  if (int n = count(r, "INCOMPLETE")) out += fmt::format(", {} not run", n);
  return out;
}

Json summaryJson(const store::RunSummary& r) {
  Json states = Json::object();
  for (const auto& [state, n] : r.states) states[state] = n;
  return Json{{"id", r.id},
              {"program", r.program},
              {"pipeline", r.pipeline},
              {"status", r.status},
              {"started", store::isoTime(r.started)},
              {"finished", r.finished > 0 ? Json(store::isoTime(r.finished)) : Json(nullptr)},
              {"seconds", r.finished > 0 ? Json(r.finished - r.started) : Json(nullptr)},
              {"states", std::move(states)},
              {"changed", r.changed}};
}

std::string took(const store::RunSummary& r) {
  return r.finished > 0 ? duration(r.finished - r.started) : "-";
}

int listRunsCommand(const HistoryFlags& flags) {
  std::string journal, unused;
  if (!locate(flags, false, journal, unused)) return kExitUsage;
  std::vector<store::RunSummary> runs;
  try {
    runs = store::listRuns(journal);
  } catch (const store::HistoryError& e) {
    std::fprintf(stderr, "magicc: error: %s\n", e.what());
    return kExitUsage;
  }
  if (flags.json) {
    Json out = Json::array();
    for (const auto& r : runs) out.push_back(summaryJson(r));
    std::printf("%s\n", Json{{"runs", out}}.dump(2).c_str());
    return kExitOk;
  }
  if (runs.empty()) {
    std::printf("no runs in %s\n", journal.c_str());
    return kExitOk;
  }
  std::printf("%-16s  %-24s  %-8s  %-11s  %-9s  %s\n", "RUN", "STARTED", "TOOK", "RESULT",
              "PIPELINE", "NODES");
  for (const auto& r : runs)
    std::printf("%-16s  %-24s  %-8s  %-11s  %-9s  %s\n", r.id.c_str(),
                store::isoTime(r.started).c_str(), took(r).c_str(), r.status.c_str(),
                r.pipeline.empty() ? "-" : r.pipeline.c_str(), counts(r).c_str());
  return kExitOk;
}

// A tail, indented under its node, at most its last lines.
void printTail(const char* label, const std::string& tail) {
  if (tail.empty()) return;
  std::printf("    %s:\n", label);
  std::size_t start = 0;
  while (start < tail.size()) {
    std::size_t end = tail.find('\n', start);
    if (end == std::string::npos) end = tail.size();
    std::printf("      %.*s\n", static_cast<int>(end - start), tail.data() + start);
    start = end + 1;
  }
}

int showRunCommand(const HistoryFlags& flags) {
  std::string journal, id;
  if (!locate(flags, true, journal, id)) return kExitUsage;
  std::optional<store::RunDetail> detail;
  try {
    detail = store::showRun(journal, id);
  } catch (const store::HistoryError& e) {
    std::fprintf(stderr, "magicc: error: %s\n", e.what());
    return kExitUsage;
  }
  if (!detail) {
    std::fprintf(stderr, "magicc: error: %s\n",
                 id.empty() ? fmt::format("no runs in {}", journal).c_str()
                            : fmt::format("no run '{}' in {}", id, journal).c_str());
    return kExitUsage;
  }
  const store::RunSummary& r = detail->run;
  if (flags.json) {
    Json nodes = Json::array();
    for (const auto& n : detail->nodes)
      nodes.push_back(Json{{"target", n.target},
                           {"name", n.name},
                           {"state", n.state},
                           {"attempts", n.attempts},
                           {"changed", n.changed},
                           {"seconds", n.seconds},
                           {"detail", n.detail},
                           {"stdout_tail", n.stdoutTail},
                           {"stderr_tail", n.stderrTail}});
    std::printf("%s\n", Json{{"run", summaryJson(r)}, {"nodes", nodes}}.dump(2).c_str());
    return kExitOk;
  }
  std::printf("run %s of %s%s: %s\n", r.id.c_str(), r.program.c_str(),
              r.pipeline.empty() ? "" : (" (pipeline " + r.pipeline + ")").c_str(),
              r.status.c_str());
  std::printf("started %s, took %s: %s\n\n", store::isoTime(r.started).c_str(), took(r).c_str(),
              counts(r).c_str());
  for (const auto& n : detail->nodes) {
    std::string word = n.state == "COMPLETE"      ? (n.changed ? "changed" : "ok")
                       : n.state == "FAILED"      ? "FAILED"
                       : n.state == "SKIPPED"     ? "skipped"
                       : n.state == "IN_PROGRESS" ? "running"
                                                  : "not run";
    std::string where = n.target.empty() ? n.name : n.target + " " + n.name;
    std::string extra;
    if (n.state == "COMPLETE" || n.state == "FAILED") extra = " (" + duration(n.seconds);
    if (n.attempts > 1) extra += fmt::format(", {} attempts", n.attempts);
    if (!extra.empty()) extra += ")";
    std::string why =
        (n.state == "FAILED" || n.state == "SKIPPED") && !n.detail.empty() ? ": " + n.detail : "";
    std::printf("%-8s %s%s%s\n", word.c_str(), where.c_str(), extra.c_str(), why.c_str());
    if (n.state == "FAILED") {
      printTail("stdout", n.stdoutTail);
      printTail("stderr", n.stderrTail);
    }
  }
  return kExitOk;
}

void addHistoryOptions(CLI::App& cmd, HistoryFlags& flags, const char* positional) {
  cmd.add_option("args", flags.args, positional);
  cmd.add_option("--state", flags.state,
                 "The state journal (default: .magicc/NAME.db beside the program NAME.mm)");
  cmd.add_flag("--json", flags.json, "As JSON");
}

}  // namespace

Subcommand addRunsCommand(CLI::App& magicc) {
  auto flags = std::make_shared<HistoryFlags>();
  auto* cmd = magicc.add_subcommand("runs", "List the runs in a program's state journal");
  addHistoryOptions(*cmd, *flags, "PROGRAM: the .mm program whose runs to list");
  return {cmd, [flags] { return listRunsCommand(*flags); }};
}

Subcommand addShowCommand(CLI::App& magicc) {
  auto flags = std::make_shared<HistoryFlags>();
  auto* cmd =
      magicc.add_subcommand("show", "Show what a run did: each node's result, failures' output");
  addHistoryOptions(*cmd, *flags,
                    "PROGRAM [RUN]: the program and a run id or its prefix (default: the latest)");
  return {cmd, [flags] { return showRunCommand(*flags); }};
}

}  // namespace magicc::driver
