#include "plan/SavedPlan.h"

#include <fmt/format.h>

#include <map>
#include <set>
#include <stdexcept>

#include "plan/Invocation.h"
#include "plan/Plan.h"
#include "plan/PlanFile.h"
#include "support/Digest.h"

namespace magicc::plan {

namespace {

constexpr const char* kSensitive = "(sensitive)";
constexpr const char* kMakeAgain = "make the plan again (magicc plan -o)";

// How magicc reaches a host: what a run would use, pinned so that a plan
// never runs against a host that moved.
Json hostSettings(const inventory::Host& host) {
  Json h;
  h["name"] = host.name;
  h["address"] = host.address;
  h["connection"] = host.connection;
  h["port"] = host.port;
  h["user"] = host.user;
  h["identity_file"] = host.identityFile;
  auto agent = host.vars.find("magicc_agent_url");
  h["agent_url"] = agent == host.vars.end() ? "" : agent->second;
  return h;
}

// Every input the plan depends on beyond its invocation.
Json inputsOf(const PreparedPlan& prepared, const PipelinePlan* pipeline) {
  Json inputs;
  Json files = Json::array();
  for (const auto& [path, digest] : prepared.compilation->inputFiles())
    files.push_back({{"path", path}, {"sha256", digest}});
  inputs["files"] = std::move(files);

  Json params = Json::object();
  std::set<std::string> secret(prepared.paramSet.secrets.begin(), prepared.paramSet.secrets.end());
  for (const auto& name : prepared.paramSet.names) {
    auto value = prepared.paramSet.values.find(name);
    if (value == prepared.paramSet.values.end()) continue;
    params[name] = secret.count(name) ? std::string(kSensitive) : value->second;
  }
  inputs["params"] = std::move(params);

  std::set<std::string> used;
  for (const Target& t : prepared.targets)
    if (prepared.inventory.hosts.count(t.name)) used.insert(t.name);
  if (pipeline)
    for (const StagePlan& stage : pipeline->stages)
      for (const StageTask& task : stage.tasks)
        if (prepared.inventory.hosts.count(task.host)) used.insert(task.host);
  Json hosts = Json::array();
  for (const auto& name : used) hosts.push_back(hostSettings(prepared.inventory.hosts.at(name)));
  inputs["hosts"] = std::move(hosts);
  return inputs;
}

std::string text(const Json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

// The first difference between the pinned inputs and those of now: the
// most telling first (a param, a host), then any file read.
std::string inputsDiffer(const Json& saved, const Json& now) {
  const Json& was = saved.at("params");
  const Json& is = now.at("params");
  for (const auto& [name, value] : was.items()) {
    if (!is.contains(name)) return fmt::format("param '{}' has no value now", name);
    if (is.at(name) != value)
      return fmt::format("param '{}' was {} in the plan, is {} now", name, text(value),
                         text(is.at(name)));
  }
  for (const auto& [name, value] : is.items())
    if (!was.contains(name)) return fmt::format("param '{}' has a value now and had none", name);

  std::map<std::string, const Json*> hostsBefore, hostsAfter;
  for (const Json& h : saved.at("hosts")) hostsBefore[text(h.at("name"))] = &h;
  for (const Json& h : now.at("hosts")) hostsAfter[text(h.at("name"))] = &h;
  for (const auto& [name, h] : hostsBefore) {
    auto it = hostsAfter.find(name);
    if (it == hostsAfter.end()) return fmt::format("host '{}' is no longer in the plan", name);
    for (const auto& [key, value] : h->items()) {
      const Json& current = it->second->contains(key) ? it->second->at(key) : Json();
      if (current != value)
        return fmt::format("host '{}': {} was '{}' in the plan, is '{}' now", name, key,
                           text(value), text(current));
    }
  }
  for (const auto& [name, h] : hostsAfter)
    if (!hostsBefore.count(name)) return fmt::format("host '{}' is in the plan now", name);

  std::map<std::string, std::string> before, after;
  for (const Json& f : saved.at("files")) before[text(f.at("path"))] = text(f.at("sha256"));
  for (const Json& f : now.at("files")) after[text(f.at("path"))] = text(f.at("sha256"));
  for (const auto& [path, digest] : before) {
    auto it = after.find(path);
    if (it == after.end()) return fmt::format("{} is no longer read", path);
    if (it->second != digest) return fmt::format("{} changed since the plan was made", path);
  }
  for (const auto& [path, digest] : after)
    if (!before.count(path)) return fmt::format("{} is read now and was not then", path);
  return "";
}

// Each node's and task's command, where it has one.
void addCommands(Json& doc, const ShownCommands& shown) {
  for (Json& target : doc.at("targets"))
    for (Json& node : target.at("nodes")) {
      auto it = shown.nodes.find(
          {target.at("target").get<std::string>(), node.at("name").get<std::string>()});
      if (it != shown.nodes.end()) node["command"] = it->second;
    }
  if (!doc.contains("pipeline")) return;
  for (Json& stage : doc.at("pipeline").at("stages"))
    for (Json& task : stage.at("tasks")) {
      auto it = shown.tasks.find({stage.at("name").get<std::string>(),
                                  task.at("host").get<std::string>(), task.value("each", "")});
      if (it != shown.tasks.end()) task["command"] = it->second;
    }
}

// The document without the shown commands: what planning alone gives.
Json withoutCommands(Json doc) {
  for (Json& target : doc.at("targets"))
    for (Json& node : target.at("nodes")) node.erase("command");
  if (doc.contains("pipeline"))
    for (Json& stage : doc.at("pipeline").at("stages"))
      for (Json& task : stage.at("tasks")) task.erase("command");
  return doc;
}

}  // namespace

std::string planChecksum(const Json& doc) {
  Json body = doc;
  body.erase("checksum");
  return support::sha256Tagged(body.dump(-1, ' ', false, Json::error_handler_t::replace));
}

Json planDocument(const PreparedPlan& prepared, const PipelinePlan* pipeline,
                  const std::string& source, Json invocation, const ShownCommands& shown) {
  Json doc;
  doc["version"] = kPlanVersion;
  doc["source"] = source;
  doc["source_hash"] = prepared.compilation->sourceHash(*prepared.program);
  doc["targets"] = planTargets(*prepared.graph, prepared.targets, prepared.keep);
  if (pipeline) doc["pipeline"] = toJson(*pipeline);
  addCommands(doc, shown);
  doc["invocation"] = std::move(invocation);
  doc["inputs"] = inputsOf(prepared, pipeline);
  doc["checksum"] = planChecksum(doc);
  return doc;
}

bool SavedPlan::takesDefine(const std::string& name) const {
  const Json& params = doc.at("inputs").at("params");
  return params.contains(name) && params.at(name) == kSensitive;
}

SavedPlanRead readSavedPlan(const std::string& path) {
  SavedPlanRead out;
  PlanFile file = readPlanFile(path);
  if (file.unreadable) {
    out.error = file.error;
    return out;
  }
  if (!file.doc) {
    out.error = file.error;
    out.located = true;
    return out;
  }
  SavedPlan saved;
  saved.doc = std::move(*file.doc);
  const Json& doc = saved.doc;
  try {
    if (!doc.contains("invocation") || !doc.contains("source_hash") ||
        !doc.at("source_hash").is_string() || !doc.contains("targets") ||
        !doc.at("targets").is_array() || !doc.contains("inputs") || !doc.contains("checksum"))
      throw std::runtime_error("no invocation");
    saved.request = planRequestFrom(doc.at("invocation"));
    const Json& inputs = doc.at("inputs");
    for (const Json& f : inputs.at("files"))
      if (!f.at("path").is_string() || !f.at("sha256").is_string())
        throw std::runtime_error("bad file");
    if (!inputs.at("params").is_object()) throw std::runtime_error("bad params");
    for (const Json& h : inputs.at("hosts"))
      if (!h.is_object() || !h.at("name").is_string()) throw std::runtime_error("bad host");
  } catch (const std::exception&) {
    out.error = fmt::format("'{}' is not a plan magicc can run; {}", path, kMakeAgain);
    return out;
  }
  if (!doc.at("checksum").is_string() || doc.at("checksum") != planChecksum(doc)) {
    out.error = fmt::format(
        "the plan was changed after magicc wrote it (its checksum does not match); {}", kMakeAgain);
    out.located = true;
    return out;
  }
  out.plan = std::move(saved);
  return out;
}

std::string savedPlanDiffers(const SavedPlan& saved, const std::string& savedPath,
                             const PreparedPlan& prepared, const PipelinePlan* pipeline) {
  Json now = inputsOf(prepared, pipeline);
  if (std::string why = inputsDiffer(saved.doc.at("inputs"), now); !why.empty())
    return fmt::format("{} cannot run: {}; {}", savedPath, why, kMakeAgain);
  std::string hash = prepared.compilation->sourceHash(*prepared.program);
  if (saved.doc.at("source_hash") != hash)
    return fmt::format("{} cannot run: {} is not the program it was planned from; {}", savedPath,
                       saved.request.file, kMakeAgain);
  // Exactly that plan: the same targets and stages, or nothing runs. (The
  // commands follow from them and the pinned inputs.)
  Json planned = withoutCommands(saved.doc);
  Json targets = planTargets(*prepared.graph, prepared.targets, prepared.keep);
  bool same =
      targets == planned.at("targets") &&
      (!pipeline || (planned.contains("pipeline") && toJson(*pipeline) == planned.at("pipeline")));
  if (!same)
    return fmt::format(
        "{} cannot run: the program and inventory no longer give this plan (targets or "
        "stages changed); {}",
        savedPath, kMakeAgain);
  return "";
}

}  // namespace magicc::plan
