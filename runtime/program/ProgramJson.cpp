#include "program/ProgramJson.h"

#include <nlohmann/json.hpp>

namespace magicc::runtime {

using Json = nlohmann::json;

namespace {

constexpr int kFormat = 1;
// A program is at most this deep (program, jobs, a job, receives, one).
constexpr int kMaxDepth = 8;

Json valuesJson(const Values& values) {
  Json out = Json::array();
  for (const auto& [k, v] : values) out.push_back(Json::array({k, v}));
  return out;
}

Values valuesFrom(const Json& j) {
  Values out;
  for (const auto& pair : j.get_ref<const Json::array_t&>()) {
    if (!pair.is_array() || pair.size() != 2) throw std::runtime_error("a value is not a pair");
    out.emplace_back(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
  }
  return out;
}

Json templateJson(const CommandTemplate& t) {
  Json out = Json::array();
  for (const auto& p : t.parts) out.push_back(Json::array({p.reference, p.text}));
  return out;
}

CommandTemplate templateFrom(const Json& j) {
  CommandTemplate t;
  for (const auto& p : j.get_ref<const Json::array_t&>()) {
    if (!p.is_array() || p.size() != 2) throw std::runtime_error("a command part is not a pair");
    t.parts.push_back({p.at(0).get<bool>(), p.at(1).get<std::string>()});
  }
  return t;
}

Json jobJson(const Job& job) {
  Json receives = Json::array();
  for (const auto& r : job.receives) receives.push_back(Json::array({r.input, r.from, r.output}));
  return {{"name", job.name},
          {"target", job.target},
          {"kind", static_cast<int>(job.kind)},
          {"command", job.command},
          {"method", job.method},
          {"args", job.args},
          {"env", valuesJson(job.env)},
          {"resource", job.resource},
          {"receives", std::move(receives)},
          {"refresh_from", job.refreshFrom},
          {"successors", job.successors},
          {"retries", job.retries},
          {"retry_delay_ms", job.retryDelay.count()},
          {"timeout_ms", job.timeout.count()},
          {"stage", job.stage},
          {"host", job.host},
          {"each", job.each},
          {"sudo", job.sudo},
          {"hidden", job.hidden}};
}

Job jobFrom(const Json& j) {
  Job job;
  job.name = j.at("name").get<std::string>();
  job.target = j.at("target").get<std::string>();
  int kind = j.at("kind").get<int>();
  if (kind < 0 || kind > static_cast<int>(JobKind::Call))
    throw std::runtime_error("job '" + job.name + "' has an unknown kind");
  job.kind = static_cast<JobKind>(kind);
  job.command = j.at("command").get<std::string>();
  job.method = j.value("method", "");
  job.args = j.value("args", "");
  job.env = valuesFrom(j.at("env"));
  job.resource = j.at("resource").get<int>();
  for (const auto& r : j.at("receives").get_ref<const Json::array_t&>()) {
    if (!r.is_array() || r.size() != 3) throw std::runtime_error("a receive is not a triple");
    job.receives.push_back(
        {r.at(0).get<std::string>(), r.at(1).get<std::uint32_t>(), r.at(2).get<std::string>()});
  }
  job.refreshFrom = j.at("refresh_from").get<std::vector<std::uint32_t>>();
  job.successors = j.at("successors").get<std::vector<std::uint32_t>>();
  job.retries = j.at("retries").get<int>();
  job.retryDelay = std::chrono::milliseconds(j.at("retry_delay_ms").get<std::int64_t>());
  job.timeout = std::chrono::milliseconds(j.at("timeout_ms").get<std::int64_t>());
  job.stage = j.at("stage").get<int>();
  job.host = j.at("host").get<std::uint32_t>();
  job.each = j.at("each").get<std::string>();
  job.sudo = j.at("sudo").get<bool>();
  job.hidden = j.at("hidden").get<bool>();
  if (job.retries < 0 || job.retryDelay.count() < 0 || job.timeout.count() < 0)
    throw std::runtime_error("job '" + job.name + "' has a negative retry count or duration");
  return job;
}

Json resourceJson(const ResourceSpec& r) {
  return {{"kind", r.kind},
          {"user_kind", r.userKind},
          {"inputs", valuesJson(r.inputs)},
          {"scope", valuesJson(r.scope)},
          {"secret_inputs", r.secretInputs},
          {"secret_outputs", r.secretOutputs},
          {"outputs", valuesJson(r.outputs)},
          {"command", templateJson(r.command)},
          {"check", templateJson(r.check)},
          {"apply", templateJson(r.apply)}};
}

ResourceSpec resourceFrom(const Json& j) {
  ResourceSpec r;
  r.kind = j.at("kind").get<std::string>();
  r.userKind = j.at("user_kind").get<bool>();
  r.inputs = valuesFrom(j.at("inputs"));
  r.scope = valuesFrom(j.at("scope"));
  r.secretInputs = j.at("secret_inputs").get<std::vector<std::string>>();
  r.secretOutputs = j.at("secret_outputs").get<std::vector<std::string>>();
  if (j.contains("outputs")) r.outputs = valuesFrom(j.at("outputs"));
  r.command = templateFrom(j.at("command"));
  r.check = templateFrom(j.at("check"));
  r.apply = templateFrom(j.at("apply"));
  return r;
}

// Edges point at jobs that exist; each job's count of predecessors is what
// the edges say (the engine trusts it).
void checkGraph(RunProgram& p) {
  const auto n = p.jobs.size();
  std::vector<std::uint32_t> incoming(n, 0);
  for (const Job& job : p.jobs) {
    for (auto s : job.successors) {
      if (s >= n) throw std::runtime_error("job '" + job.name + "' has a successor out of range");
      ++incoming[s];
    }
    for (auto f : job.refreshFrom)
      if (f >= n) throw std::runtime_error("job '" + job.name + "' is refreshed by no job");
    for (const auto& r : job.receives)
      if (r.from >= n) throw std::runtime_error("job '" + job.name + "' receives from no job");
    if (job.resource >= static_cast<int>(p.resources.size()) ||
        (job.kind == JobKind::Resource && job.resource < 0))
      throw std::runtime_error("job '" + job.name + "' names no resource");
    if (job.stage >= static_cast<int>(p.limits.size()) || job.stage < -1)
      throw std::runtime_error("job '" + job.name + "' names no stage");
  }
  for (std::size_t i = 0; i < n; ++i) p.jobs[i].predecessors = incoming[i];
}

}  // namespace

std::string programToJson(const RunProgram& program) {
  Json jobs = Json::array(), resources = Json::array(), stages = Json::array(),
       limits = Json::array();
  for (const auto& job : program.jobs) jobs.push_back(jobJson(job));
  for (const auto& r : program.resources) resources.push_back(resourceJson(r));
  for (const auto& s : program.stages)
    stages.push_back({{"name", s.name},
                      {"hosts", s.hosts},
                      {"tasks", s.tasks},
                      {"batch", s.batch},
                      {"summarize", s.summarize},
                      {"local", s.local}});
  for (const auto& l : program.limits)
    limits.push_back(
        {{"concurrency", l.concurrency}, {"per_host", l.perHost}, {"max_fail", l.maxFail}});
  Json doc = {{"format", kFormat},
              {"jobs", std::move(jobs)},
              {"resources", std::move(resources)},
              {"stages", std::move(stages)},
              {"limits", std::move(limits)},
              {"secrets", program.secrets}};
  // Invalid UTF-8 (a secret may hold any bytes) travels escaped, never lost.
  return doc.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::optional<RunProgram> programFromJson(std::string_view text, std::string& error) {
  try {
    // Depth is bounded while parsing: nothing deeper is ever built.
    Json doc = Json::parse(text, [](int depth, Json::parse_event_t, Json&) {
      if (depth > kMaxDepth) throw std::runtime_error("nested deeper than a program is");
      return true;
    });
    if (!doc.is_object() || doc.value("format", 0) != kFormat)
      throw std::runtime_error("not a program of format " + std::to_string(kFormat));
    RunProgram p;
    for (const auto& j : doc.at("jobs")) p.jobs.push_back(jobFrom(j));
    for (const auto& j : doc.at("resources")) p.resources.push_back(resourceFrom(j));
    for (const auto& s : doc.at("stages"))
      p.stages.push_back({s.at("name").get<std::string>(), s.at("hosts").get<std::size_t>(),
                          s.at("tasks").get<std::size_t>(), s.at("batch").get<std::int64_t>(),
                          s.at("summarize").get<bool>(), s.at("local").get<bool>()});
    for (const auto& l : doc.at("limits"))
      p.limits.push_back({l.at("concurrency").get<unsigned>(), l.at("per_host").get<unsigned>(),
                          l.at("max_fail").get<std::size_t>()});
    p.secrets = doc.at("secrets").get<std::vector<std::string>>();
    checkGraph(p);
    return p;
  } catch (const std::exception& e) {
    error = e.what();
    return std::nullopt;
  }
}

}  // namespace magicc::runtime
