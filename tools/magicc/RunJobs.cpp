#include "RunJobs.h"

#include <fmt/format.h>
#include <unistd.h>

#include <charconv>
#include <map>
#include <nlohmann/json.hpp>

#include "backends/Command.h"
#include "backends/LocalFiles.h"
#include "sema/Type.h"

namespace magicc::driver {

namespace {

using runtime::CommandTemplate;
using runtime::Job;
using runtime::JobKind;
using runtime::Values;

std::string localHostName() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "localhost";
  return name;
}

// Where a job runs, and so what ${host.*} and ${each} mean there.
struct Where {
  std::string target;    // the job's target: "local" or a host name
  std::string hostName;  // ${host.name}
  std::string address;   // ${host.address}
  std::map<std::string, std::string> vars;
  const ir::ParamValues* params = nullptr;
  std::optional<std::string> each;

  std::optional<std::string> lookup(const std::string& name) const {
    if (name == "host.name") return hostName;
    if (name == "host.address") return address.empty() ? "127.0.0.1" : address;
    if (name.rfind("host.vars.", 0) == 0) {
      auto it = vars.find(name.substr(10));
      if (it == vars.end()) return std::nullopt;
      return it->second;
    }
    if (name == "each" && each) return each;
    if (auto it = params->find(name); it != params->end()) return it->second;
    return std::nullopt;
  }
};

std::optional<long long> toNumber(std::string_view text) {
  long long n = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return n;
}

CommandTemplate templateOf(const syntax::Expr& e) {
  CommandTemplate t;
  for (const auto& part : e.parts)
    t.parts.push_back({part.kind == syntax::StringPart::Kind::Interpolation, part.text});
  return t;
}

// What a command's missing ${host.vars.K} means, for the error.
void reportMissing(const std::vector<std::string>& missing, const std::string& what,
                   const Where& where, std::vector<std::string>& errors) {
  for (const auto& name : missing) {
    if (name.rfind("host.vars.", 0) == 0)
      errors.push_back(fmt::format("{} uses ${{{}}}, but target '{}' has no var '{}'", what, name,
                                   where.target, name.substr(10)));
  }
}

// A field's value as text: strings interpolated, lists and maps as JSON.
// Whether a value refers to a secret param (directly or interpolated).
bool refersToSecret(const syntax::Expr& e, const std::vector<std::string>& secretParams) {
  auto secret = [&](const std::string& name) {
    return std::find(secretParams.begin(), secretParams.end(), name) != secretParams.end();
  };
  if (e.kind == syntax::ExprKind::Name) return secret(e.name);
  if (e.kind == syntax::ExprKind::String)
    for (const auto& part : e.parts)
      if (part.kind != syntax::StringPart::Kind::Literal && secret(part.text)) return true;
  return false;
}

// A file with secret content: its checksum (a sha256 of the secret) is
// sealed like a secret output, never journaled in clear.
void sealChecksum(runtime::ResourceSpec& spec) {
  if (std::find(spec.secretOutputs.begin(), spec.secretOutputs.end(), "checksum") ==
      spec.secretOutputs.end())
    spec.secretOutputs.push_back("checksum");
}

std::string valueText(const syntax::Expr& e, const Where& where,
                      std::vector<std::string>& missing) {
  switch (e.kind) {
    case syntax::ExprKind::Bool:
      return e.boolValue ? "true" : "false";
    case syntax::ExprKind::Int:
      return std::to_string(e.intValue);
    case syntax::ExprKind::Duration:
      return std::to_string(e.intValue) + "ms";
    case syntax::ExprKind::Name:
      return where.lookup(e.name).value_or("");
    case syntax::ExprKind::String: {
      std::string out;
      for (const auto& part : e.parts) {
        if (part.kind == syntax::StringPart::Kind::Literal) {
          out += part.text;
          continue;
        }
        auto v = where.lookup(part.text);
        if (!v) missing.push_back(part.text);
        out += v.value_or("");
      }
      return out;
    }
    case syntax::ExprKind::List: {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& op : e.operands) list.push_back(valueText(*op, where, missing));
      return list.dump();
    }
    case syntax::ExprKind::Map: {
      nlohmann::json map = nlohmann::json::object();
      for (const auto& entry : e.entries)
        map[entry.key.name] = valueText(*entry.value, where, missing);
      return map.dump();
    }
    default:
      return "";
  }
}

// A duration from a literal or a duration param ("90s", "5m", "250ms", "2h").
// A param's value that is not one is an error, not a guess.
std::chrono::milliseconds durationOf(const syntax::Field* f, const ir::ParamValues& params,
                                     const std::string& what, std::vector<std::string>& errors) {
  if (!f) return std::chrono::milliseconds(0);
  if (f->value->kind == syntax::ExprKind::Duration)
    return std::chrono::milliseconds(f->value->intValue);
  if (f->value->kind != syntax::ExprKind::Name) return std::chrono::milliseconds(0);
  auto it = params.find(f->value->name);
  if (it == params.end()) return std::chrono::milliseconds(0);
  const std::string& v = it->second;
  std::size_t digits = v.find_first_not_of("0123456789");
  auto n = toNumber(std::string_view(v).substr(0, digits));
  std::string unit = digits == std::string::npos ? "" : v.substr(digits);
  long long scale = unit == "ms"  ? 1
                    : unit == "s" ? 1000
                    : unit == "m" ? 60000
                    : unit == "h" ? 3600000
                                  : 0;
  constexpr long long kYear = 365LL * 24 * 3600 * 1000;
  if (!n || scale == 0 || digits == 0 || *n > kYear / scale) {
    errors.push_back(
        fmt::format("{}: {} must be a duration like 90s, 5m or 250ms (at most a year), found '{}' "
                    "(param '{}')",
                    what, f->name.name, v, f->value->name));
    return std::chrono::milliseconds(0);
  }
  return std::chrono::milliseconds(*n * scale);
}

// A count from a literal or an int param. A param's value is range-checked
// here (a literal was checked by `check`).
long long countOf(const syntax::Field* f, const ir::ParamValues& params, long long min,
                  const std::string& what, std::vector<std::string>& errors) {
  if (!f) return 0;
  if (f->value->kind == syntax::ExprKind::Int) return f->value->intValue;
  if (f->value->kind != syntax::ExprKind::Name) return 0;
  auto it = params.find(f->value->name);
  if (it == params.end()) return 0;
  auto n = toNumber(it->second);
  if (!n || *n < min || *n > 1000000) {
    errors.push_back(fmt::format("{}: {} must be >= {}, found '{}' (param '{}')", what,
                                 f->name.name, min, it->second, f->value->name));
    return min;
  }
  return *n;
}

void applyRetries(Job& job, const syntax::BlockDecl* decl, const syntax::StageDecl* stage,
                  const ir::ParamValues& params, const std::string& what,
                  std::vector<std::string>& errors) {
  auto field = [&](const char* name) { return decl ? decl->field(name) : stage->field(name); };
  job.retries = static_cast<int>(countOf(field("retries"), params, 0, what, errors));
  job.retryDelay = durationOf(field("retry_delay"), params, what, errors);
  job.timeout = durationOf(field("timeout"), params, what, errors);
}

// A run: field: a string is rendered with its values in the environment;
// `run: cmd` is a param that holds the whole command line, as given.
void setCommand(Job& job, const syntax::Field* run, const Where& where,
                std::vector<std::string>& missing) {
  if (!run) return;
  if (run->value->kind == syntax::ExprKind::String) {
    job.kind = JobKind::Command;
    job.command = runtime::renderCommand(
        templateOf(*run->value), [&](const std::string& name) { return where.lookup(name); },
        job.env, &missing);
  } else if (run->value->kind == syntax::ExprKind::Name) {
    if (auto v = where.lookup(run->value->name)) {
      job.kind = JobKind::Command;
      job.command = *v;
    }
  }
}

class Builder {
 public:
  Builder(const PreparedPlan& prepared, RunProgram& out, const std::set<std::string>& exclude)
      : p_(prepared), out_(out), exclude_(exclude) {}

  void items();
  void pipeline(const plan::Json& doc);

 private:
  std::uint32_t add(Job job) {
    out_.jobs.push_back(std::move(job));
    return static_cast<std::uint32_t>(out_.jobs.size() - 1);
  }
  void edge(std::uint32_t from, std::uint32_t to) {
    out_.jobs[from].successors.push_back(to);
    ++out_.jobs[to].predecessors;
  }
  Where whereFor(const std::string& host) const;
  Job nodeJob(ir::NodeId n, const Where& where);
  // Jobs for `nodes` (kept, of one target or one stage host), with the
  // graph's edges among them. Returns each node's job (or -1).
  std::vector<std::int64_t> nodeJobs(const std::vector<char>& kept, const Where& where, int stage,
                                     std::uint32_t host);
  Job stageTask(const syntax::StageDecl& stage, int index, const std::string& host,
                const std::optional<std::string>& each);

  const PreparedPlan& p_;
  RunProgram& out_;
  const std::set<std::string>& exclude_;
  std::string localName_ = localHostName();
};

Where Builder::whereFor(const std::string& host) const {
  Where w;
  w.params = &p_.paramSet.values;
  w.target = host;
  if (host == "local") {
    w.hostName = localName_;
    return w;
  }
  w.hostName = host;
  if (auto it = p_.inventory.hosts.find(host); it != p_.inventory.hosts.end()) {
    w.address = it->second.address;
    w.vars = it->second.vars;
  }
  return w;
}

Job Builder::nodeJob(ir::NodeId n, const Where& where) {
  const ir::Graph& graph = *p_.graph;
  Job job;
  job.name = graph.nameOf(n);
  job.target = where.target;
  const syntax::BlockDecl& decl = *graph.nodes[n].decl;
  std::string what = fmt::format(
      "{} '{}'", graph.nodes[n].kind == ir::Node::Kind::Item ? "item" : "resource", job.name);
  applyRetries(job, &decl, nullptr, p_.paramSet.values, what, out_.errors);
  std::vector<std::string> missing;
  if (graph.nodes[n].kind == ir::Node::Kind::Item) {
    setCommand(job, decl.field("run"), where, missing);
    reportMissing(missing, what, where, out_.errors);
    return job;
  }
  // A resource: its kind's inputs from the fields, else the kind's defaults.
  const sema::NodeInfo* info = p_.model.findNode(job.name);
  const sema::KindInfo* kind = info ? info->resourceKind : nullptr;
  runtime::ResourceSpec spec;
  spec.kind = kind ? kind->name : "";
  spec.userKind = kind && kind->decl && (kind->decl->field("check") || kind->decl->field("apply"));
  if (kind && kind->decl) {
    for (const auto& member : kind->decl->members) {
      const sema::KindField* kf = kind->field(member.name.name);
      if (member.isOutput) {
        if (kf && sema::containsSecret(*kf->type)) spec.secretOutputs.push_back(member.name.name);
        continue;
      }
      if (kf && sema::containsSecret(*kf->type)) spec.secretInputs.push_back(member.name.name);
      const syntax::Field* f = decl.field(member.name.name);
      if (f) {
        if (spec.kind == "exec" && member.name.name == "cmd" &&
            f->value->kind == syntax::ExprKind::String) {
          spec.command = templateOf(*f->value);
          spec.inputs.emplace_back("cmd", "");
        } else {
          spec.inputs.emplace_back(member.name.name, valueText(*f->value, where, missing));
        }
      } else if (member.defaultValue) {
        spec.inputs.emplace_back(member.name.name, valueText(*member.defaultValue, where, missing));
      }
    }
    if (const syntax::Field* check = kind->decl->field("check");
        check && check->value->kind == syntax::ExprKind::String)
      spec.check = templateOf(*check->value);
    if (const syntax::Field* apply = kind->decl->field("apply");
        apply && apply->value->kind == syntax::ExprKind::String)
      spec.apply = templateOf(*apply->value);
  }
  // What the commands refer to beyond the resource's own fields.
  for (const CommandTemplate* t : {&spec.command, &spec.check, &spec.apply})
    for (const auto& part : t->parts) {
      if (!part.reference) continue;
      bool own = false;
      for (const auto& [k, v] : spec.inputs) own = own || k == part.text;
      if (own) continue;
      if (auto v = where.lookup(part.text))
        spec.scope.emplace_back(part.text, *v);
      else
        missing.push_back(part.text);
    }
  if (spec.kind == "password" && !spec.userKind) {
    // Short ones are guessable, and too short to redact from output safely.
    for (const auto& [k, v] : spec.inputs)
      if (k == "length") {
        long long length = toNumber(v).value_or(0);
        if (length < 8 || length > 4096)
          out_.errors.push_back(
              fmt::format("{}: length must be between 8 and 4096, found {}", what, v));
      }
  }
  // file's content is typed secret to accept secrets; a literal is no secret.
  bool builtinFile = spec.kind == "file" && !spec.userKind;
  if (!builtinFile)
    for (const auto& name : spec.secretInputs)
      for (const auto& [k, v] : spec.inputs)
        if (k == name && !v.empty()) out_.secrets.push_back(v);
  if (builtinFile)
    if (const syntax::Field* content = decl.field("content");
        content && refersToSecret(*content->value, p_.paramSet.secrets))
      sealChecksum(spec);
  reportMissing(missing, what, where, out_.errors);
  job.kind = JobKind::Resource;
  job.resource = static_cast<int>(out_.resources.size());
  out_.resources.push_back(std::move(spec));
  return job;
}

std::vector<std::int64_t> Builder::nodeJobs(const std::vector<char>& kept, const Where& where,
                                            int stage, std::uint32_t host) {
  const ir::Graph& graph = *p_.graph;
  std::vector<std::int64_t> index(graph.nodes.size(), -1);
  for (ir::NodeId n = 0; n < graph.nodes.size(); ++n) {
    if (!kept[n]) continue;
    Job job = nodeJob(n, where);
    job.stage = stage;
    job.host = host;
    index[n] = add(std::move(job));
  }
  for (const ir::Edge& e : graph.edges) {
    if (index[e.from] < 0 || index[e.to] < 0) continue;
    auto from = static_cast<std::uint32_t>(index[e.from]);
    auto to = static_cast<std::uint32_t>(index[e.to]);
    Job& target = out_.jobs[to];
    if (e.kind == ir::Edge::Kind::Refresh) target.refreshFrom.push_back(from);
    if (e.kind == ir::Edge::Kind::SendRecv) {
      target.receives.push_back({graph.names.name(e.toField), from, graph.names.name(e.fromField)});
      // A file whose content comes from a secret output holds a secret.
      const Job& sender = out_.jobs[from];
      if (target.resource >= 0 && sender.resource >= 0 &&
          graph.names.name(e.toField) == std::string_view("content")) {
        const auto& sent = out_.resources[sender.resource].secretOutputs;
        auto& spec = out_.resources[target.resource];
        if (spec.kind == "file" && !spec.userKind &&
            std::find(sent.begin(), sent.end(), graph.names.name(e.fromField)) != sent.end())
          sealChecksum(spec);
      }
    }
    auto& succ = out_.jobs[from].successors;
    if (std::find(succ.begin(), succ.end(), to) == succ.end()) edge(from, to);
  }
  return index;
}

void Builder::items() {
  std::vector<char> kept;
  for (std::size_t t = 0; t < p_.targets.size(); ++t) {
    const plan::Target& target = p_.targets[t];
    if (exclude_.count(target.name)) continue;
    p_.keep.row(t, kept);
    Where where = whereFor(target.name);
    // A target's vars are its host's; --require adds only tags.
    std::vector<std::int64_t> index = nodeJobs(kept, where, -1, 0);
    Job done;
    done.name = "TaskComplete";
    done.target = target.name;
    auto complete = add(std::move(done));
    for (std::int64_t j : index)
      if (j >= 0 && out_.jobs[j].successors.empty()) edge(static_cast<std::uint32_t>(j), complete);
  }
}

Job Builder::stageTask(const syntax::StageDecl& stage, int index, const std::string& host,
                       const std::optional<std::string>& each) {
  Where where = whereFor(host);
  where.each = each;
  Job job;
  job.name = stage.name.name;
  job.target = host;
  job.stage = index;
  job.each = each.value_or("");
  std::string what = fmt::format("stage '{}'", stage.name.name);
  applyRetries(job, nullptr, &stage, p_.paramSet.values, what, out_.errors);
  if (const syntax::Field* sudo = stage.field("sudo"))
    job.sudo = sudo->value->kind == syntax::ExprKind::Bool && sudo->value->boolValue;
  std::vector<std::string> missing;
  setCommand(job, stage.field("run"), where, missing);
  reportMissing(missing, what, where, out_.errors);
  return job;
}

void Builder::pipeline(const plan::Json& doc) {
  const syntax::PipelineDecl& decl = *p_.pipeline;
  std::map<std::string, std::uint32_t> hostIndex;
  auto hostOf = [&](const std::string& h) {
    auto [it, added] = hostIndex.emplace(h, static_cast<std::uint32_t>(hostIndex.size()));
    return it->second;
  };
  Job barrierJob;
  barrierJob.hidden = true;
  barrierJob.target = "local";
  std::vector<std::uint32_t> previous;  // what the next stage waits for

  // Preflight: every host any stage runs on has the required commands.
  if (const syntax::Field* required = decl.field("requires");
      required && required->value->kind == syntax::ExprKind::List) {
    std::string names;
    for (const auto& op : required->value->operands)
      if (auto text = op->plainString()) names += " " + runtime::shellQuote(*text);
    std::vector<std::string> hosts;
    for (const auto& s : doc.at("stages"))
      for (const auto& task : s.at("tasks")) {
        std::string h = task.at("host").get<std::string>();
        if (!exclude_.count(h) && std::find(hosts.begin(), hosts.end(), h) == hosts.end())
          hosts.push_back(h);
      }
    for (const auto& h : hosts) {
      Job check;
      check.name = "requires";
      check.target = h;
      check.kind = JobKind::Command;
      check.command = "missing=; for c in" + names +
                      "; do command -v \"$c\" >/dev/null 2>&1 || missing=\"$missing $c\"; done; "
                      "if [ -n \"$missing\" ]; then echo \"missing:$missing\" >&2; exit 127; fi";
      previous.push_back(add(std::move(check)));
    }
  }

  for (std::size_t s = 0; s < decl.stages.size(); ++s) {
    const syntax::StageDecl& stage = decl.stages[s];
    const plan::Json& sdoc = doc.at("stages").at(s);
    StageInfo info;
    info.name = stage.name.name;
    info.summarize = stage.field("summarize") &&
                     stage.field("summarize")->value->kind == syntax::ExprKind::Bool &&
                     stage.field("summarize")->value->boolValue;
    info.local = sdoc.contains("local");
    std::string what = fmt::format("stage '{}'", stage.name.name);
    runtime::StageLimits limits;
    limits.concurrency = static_cast<unsigned>(
        countOf(stage.field("concurrency"), p_.paramSet.values, 1, what, out_.errors));
    limits.perHost = static_cast<unsigned>(
        countOf(stage.field("per_host"), p_.paramSet.values, 1, what, out_.errors));
    info.batch = countOf(stage.field("batch"), p_.paramSet.values, 1, what, out_.errors);
    if (stage.field("call"))
      out_.errors.push_back(
          fmt::format("{} uses call:, which needs the agent backend (not available yet)", what));

    // The stage's tasks, batch by batch: a batch starts when the previous one ended.
    std::vector<std::string> applyList;
    if (const syntax::Field* apply = stage.field("apply");
        apply && apply->value->kind == syntax::ExprKind::List)
      for (const auto& op : apply->value->operands)
        if (op->kind == syntax::ExprKind::Name) applyList.push_back(op->name);
    std::vector<std::uint32_t> stageTasks;
    for (const auto& batch : sdoc.at("batches")) {
      std::vector<std::uint32_t> batchTasks;
      for (const auto& hostJson : batch) {
        std::string host = hostJson.get<std::string>();
        if (exclude_.count(host)) continue;
        ++info.hosts;
        std::vector<std::uint32_t> hostTasks;
        if (!applyList.empty()) {
          std::vector<char> kept(p_.graph->nodes.size(), 0);
          for (const auto& name : applyList)
            if (const sema::NodeInfo* n = p_.model.findNode(name)) kept[n->id] = 1;
          for (std::int64_t j : nodeJobs(kept, whereFor(host), static_cast<int>(s), hostOf(host)))
            if (j >= 0) hostTasks.push_back(static_cast<std::uint32_t>(j));
        } else {
          for (const auto& task : sdoc.at("tasks")) {
            if (task.at("host") != host) continue;
            std::optional<std::string> each;
            if (task.contains("each")) each = task.at("each").get<std::string>();
            Job job = stageTask(stage, static_cast<int>(s), host, each);
            job.host = hostOf(host);
            hostTasks.push_back(add(std::move(job)));
          }
        }
        batchTasks.insert(batchTasks.end(), hostTasks.begin(), hostTasks.end());
      }
      for (std::uint32_t t : batchTasks)
        for (std::uint32_t p : previous) edge(p, t);
      if (batchTasks.empty()) continue;
      Job barrier = barrierJob;
      barrier.name = stage.name.name + " batch";
      auto b = add(std::move(barrier));
      for (std::uint32_t t : batchTasks) {
        // Only the jobs nothing else in the batch waits for (apply: graphs).
        if (out_.jobs[t].successors.empty()) edge(t, b);
      }
      previous = {b};
      stageTasks.insert(stageTasks.end(), batchTasks.begin(), batchTasks.end());
    }
    info.tasks = stageTasks.size();
    // max_fail: a count, or a percentage of the stage's tasks.
    if (const syntax::Field* f = stage.field("max_fail")) {
      std::string text =
          f->value->kind == syntax::ExprKind::Int      ? std::to_string(f->value->intValue)
          : f->value->kind == syntax::ExprKind::String ? f->value->plainString().value_or("")
          : p_.paramSet.values.count(f->value->name)   ? p_.paramSet.values.at(f->value->name)
                                                       : "";
      bool percent = !text.empty() && text.back() == '%';
      auto n = toNumber(percent ? text.substr(0, text.size() - 1) : text);
      if (!n || *n < 0 || (percent && *n > 100))
        out_.errors.push_back(fmt::format(
            "{}: max_fail must be a count or a percentage like \"25%\", found '{}'", what, text));
      else
        limits.maxFail = percent ? static_cast<std::size_t>(*n) * info.tasks / 100
                                 : static_cast<std::size_t>(*n);
    }
    out_.stages.push_back(info);
    out_.limits.push_back(limits);
  }
}

}  // namespace

std::string digestOf(const RunProgram& program) {
  // Everything that decides what a job does, but no secret (a hash of a
  // short secret could be guessed back).
  std::string text;
  auto field = [&](const std::string& s) {
    text += std::to_string(s.size());
    text += ':';
    text += s;
  };
  for (const Job& job : program.jobs) {
    field(job.target);
    field(job.name);
    field(std::to_string(static_cast<int>(job.kind)));
    field(job.command);
    for (const auto& [k, v] : job.env) field(k + "=" + v);
    field(std::to_string(job.retries) + "/" + std::to_string(job.timeout.count()) + "/" +
          std::to_string(job.stage) + "/" + std::to_string(job.sudo));
    if (job.resource < 0) continue;
    const runtime::ResourceSpec& spec = program.resources[job.resource];
    field(spec.kind);
    for (const auto& [k, v] : spec.inputs) {
      bool secret = std::find(spec.secretInputs.begin(), spec.secretInputs.end(), k) !=
                    spec.secretInputs.end();
      field(k + "=" + (secret ? std::string("(sensitive)") : v));
    }
    for (const auto& [k, v] : spec.scope) field(k + "=" + v);
  }
  return "sha256:" + runtime::sha256Hex(text);
}

RunProgram buildRunProgram(const PreparedPlan& prepared, const plan::Json* pipelineDoc,
                           const std::set<std::string>& exclude) {
  RunProgram out;
  for (const auto& name : prepared.paramSet.secrets)
    if (auto it = prepared.paramSet.values.find(name); it != prepared.paramSet.values.end())
      out.secrets.push_back(it->second);
  Builder builder(prepared, out, exclude);
  if (pipelineDoc)
    builder.pipeline(*pipelineDoc);
  else
    builder.items();
  return out;
}

}  // namespace magicc::driver
