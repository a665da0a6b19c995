#include "lower/Lower.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "plan/Quantity.h"
#include "program/RenderCommand.h"
#include "sema/Type.h"
#include "support/FileFields.h"

namespace magicc::lower {

namespace {

using diag::DiagId;
using plan::PipelinePlan;
using plan::PreparedPlan;
using plan::StagePlan;
using runtime::CommandTemplate;
using runtime::Job;
using runtime::JobKind;
using runtime::RunProgram;
using runtime::StageInfo;
using runtime::Values;

using runtime::shellQuote;

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

CommandTemplate templateOf(const syntax::Expr& e) {
  CommandTemplate t;
  for (const auto& part : e.parts)
    t.parts.push_back({part.kind == syntax::StringPart::Kind::Interpolation, part.text});
  return t;
}

// A command's ${host.vars.K} that the target has no var for, at its ${...}
// in `value` (else at `fallback`). Clears `missing`.
void reportMissing(std::vector<std::string>& missing, const std::string& what, const Where& where,
                   const syntax::Expr* value, source::SourceRange fallback,
                   diag::DiagnosticEngine& diags) {
  for (const auto& name : missing) {
    if (name.rfind("host.vars.", 0) != 0) continue;
    source::SourceRange range = value ? value->range : fallback;
    if (value)
      for (const auto& part : value->parts)
        if (part.kind == syntax::StringPart::Kind::Interpolation && part.text == name) {
          range = part.range;
          break;
        }
    diags.report(DiagId::MissingHostVar, range, what, name, where.target, name.substr(10));
  }
  missing.clear();
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
      return support::formatDuration(std::chrono::milliseconds(e.intValue));
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

// A call's argument as JSON: literals keep their type, a param its declared
// type (an int param is a number), strings are interpolated.
nlohmann::json valueJson(const syntax::Expr& e, const Where& where,
                         std::vector<std::string>& missing,
                         const std::function<const sema::Type*(const std::string&)>& typeOf) {
  switch (e.kind) {
    case syntax::ExprKind::Bool:
      return e.boolValue;
    case syntax::ExprKind::Int:
      return e.intValue;
    case syntax::ExprKind::Name: {
      auto v = where.lookup(e.name);
      if (!v) return nullptr;
      const sema::Type* type = typeOf(e.name);
      auto kind = type ? type->kind() : sema::Type::Kind::String;
      if (kind == sema::Type::Kind::Optional && type->element()) kind = type->element()->kind();
      if (kind == sema::Type::Kind::Bool) return *v == "true";
      if (kind == sema::Type::Kind::Int || kind == sema::Type::Kind::List ||
          kind == sema::Type::Kind::Map) {
        auto parsed = nlohmann::json::parse(*v, nullptr, false);
        if (!parsed.is_discarded()) return parsed;
      }
      return *v;
    }
    case syntax::ExprKind::List: {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& op : e.operands) list.push_back(valueJson(*op, where, missing, typeOf));
      return list;
    }
    case syntax::ExprKind::Map: {
      nlohmann::json map = nlohmann::json::object();
      for (const auto& entry : e.entries)
        map[entry.key.name] = valueJson(*entry.value, where, missing, typeOf);
      return map;
    }
    default:
      return valueText(e, where, missing);
  }
}

// An item's or resource's retries, from literals or checked params.
plan::RetryPolicy retryOf(const syntax::BlockDecl& decl, const ir::ParamValues& params,
                          const std::string& what, diag::DiagnosticEngine& diags) {
  plan::QuantityReader read(params, diags, what);
  plan::RetryPolicy retry;
  retry.retries = static_cast<int>(read.count(decl.field("retries"), 0).value_or(0));
  retry.retryDelay = read.duration(decl.field("retry_delay")).value_or(retry.retryDelay);
  retry.timeout = read.duration(decl.field("timeout")).value_or(retry.timeout);
  return retry;
}

void applyRetry(Job& job, const plan::RetryPolicy& retry) {
  job.retries = retry.retries;
  job.retryDelay = retry.retryDelay;
  job.timeout = retry.timeout;
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

// A `run:` whose values make it blank ("${cmd}" with cmd = ""): the
// runtime would refuse it on every host, so it is refused at plan time,
// where the values are known. Literal blanks are check's (sema) to report.
void reportBlankCommand(const Job& job, const syntax::Field* run, const Where& where,
                        const std::string& what, diag::DiagnosticEngine& diags) {
  if (!run || job.kind != JobKind::Command) return;
  const syntax::Expr& e = *run->value;
  std::string text;
  bool interpolated = e.kind == syntax::ExprKind::Name;
  if (interpolated) text = where.lookup(e.name).value_or("");
  if (e.kind == syntax::ExprKind::String)
    for (const auto& part : e.parts) {
      bool literal = part.kind == syntax::StringPart::Kind::Literal;
      interpolated = interpolated || !literal;
      text += literal ? part.text : where.lookup(part.text).value_or("x");
    }
  if (!interpolated || text.find_first_not_of(" \t\n") != std::string::npos) return;
  diags.report(DiagId::EmptyCommand, e.range,
               fmt::format("{}: 'run' with its values on target '{}'", what, where.target));
}

class Builder {
 public:
  Builder(const PreparedPlan& prepared, RunProgram& out, const std::set<std::string>& exclude,
          const std::vector<runtime::HostRoute>* routes, diag::DiagnosticEngine& diags)
      : p_(prepared),
        out_(out),
        exclude_(exclude),
        routes_(routes),
        diags_(diags),
        retries_(prepared.graph->nodes.size()) {}

  void items();
  void pipeline(const PipelinePlan& plan);

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
  void resourceSpec(ir::NodeId n, const std::string& what, const Where& where, Job& job);
  // Jobs for `nodes` (kept, of one target or one stage host), with the
  // graph's edges among them. Returns each node's job (or -1).
  std::vector<std::int64_t> nodeJobs(const std::vector<char>& kept, const Where& where, int stage,
                                     std::uint32_t host);
  Job stageTask(const StagePlan& stage, int index, const std::string& host,
                const std::optional<std::string>& each);
  // Preflight: every host any stage runs on has the commands `requires:` names.
  std::vector<std::uint32_t> requiresChecks(const PipelinePlan& plan);

  const PreparedPlan& p_;
  RunProgram& out_;
  const std::set<std::string>& exclude_;
  const std::vector<runtime::HostRoute>* routes_;
  diag::DiagnosticEngine& diags_;
  // Each node's retries, read (and reported) once for all its targets.
  std::vector<std::optional<plan::RetryPolicy>> retries_;
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
  if (!retries_[n]) retries_[n] = retryOf(decl, p_.paramSet.values, what, diags_);
  applyRetry(job, *retries_[n]);
  if (graph.nodes[n].kind == ir::Node::Kind::Item) {
    std::vector<std::string> missing;
    const syntax::Field* run = decl.field("run");
    setCommand(job, run, where, missing);
    if (missing.empty()) reportBlankCommand(job, run, where, what, diags_);
    reportMissing(missing, what, where, run ? run->value.get() : nullptr, decl.name.range, diags_);
    return job;
  }
  resourceSpec(n, what, where, job);
  return job;
}

void Builder::resourceSpec(ir::NodeId n, const std::string& what, const Where& where, Job& job) {
  const syntax::BlockDecl& decl = *p_.graph->nodes[n].decl;
  // A resource: its kind's inputs from the fields, else the kind's defaults.
  const sema::NodeInfo* info = p_.model.findNode(job.name);
  const sema::KindInfo* kind = info ? info->resourceKind : nullptr;
  runtime::ResourceSpec spec;
  spec.kind = kind ? kind->name : "";
  spec.userKind = kind && kind->decl && (kind->decl->field("check") || kind->decl->field("apply"));
  std::vector<std::string> missing;
  std::map<std::string, source::SourceRange> inputRanges;
  const syntax::Expr* commandExpr = nullptr;  // exec's cmd, rendered on the host
  const sema::FileContentSource* from = p_.model.fileContent(&decl);
  if (kind && kind->decl) {
    for (const auto& member : kind->decl->members) {
      const sema::KindField* kf = kind->field(member.name.name);
      if (member.isOutput) {
        if (kf && sema::containsSecret(*kf->type)) spec.secretOutputs.push_back(member.name.name);
        if (kf) spec.outputs.emplace_back(member.name.name, kf->type->toString());
        continue;
      }
      if (kf && sema::containsSecret(*kf->type)) spec.secretInputs.push_back(member.name.name);
      // A file's source: or template: is its content here; the runtime sees
      // an ordinary file.
      if (from && spec.kind == "file" && !spec.userKind) {
        if (member.name.name == "source" || member.name.name == "template") continue;
        if (member.name.name == "content") {
          inputRanges["content"] = decl.field(from->field)->value->range;
          spec.inputs.emplace_back("content", valueText(from->content, where, missing));
          reportMissing(missing, what, where, &from->content, decl.name.range, diags_);
          continue;
        }
      }
      const syntax::Field* f = decl.field(member.name.name);
      if (f) {
        inputRanges[member.name.name] = f->value->range;
        if (spec.kind == "exec" && member.name.name == "cmd" &&
            f->value->kind == syntax::ExprKind::String) {
          spec.command = templateOf(*f->value);
          commandExpr = f->value.get();
          spec.inputs.emplace_back("cmd", "");
        } else {
          spec.inputs.emplace_back(member.name.name, valueText(*f->value, where, missing));
        }
        reportMissing(missing, what, where, f->value.get(), decl.name.range, diags_);
      } else if (member.defaultValue) {
        spec.inputs.emplace_back(member.name.name, valueText(*member.defaultValue, where, missing));
        reportMissing(missing, what, where, nullptr, decl.name.range, diags_);
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
  // exec's cmd: at its ${...}; a kind's own commands: at the resource.
  reportMissing(missing, what, where, commandExpr, decl.name.range, diags_);
  if (spec.kind == "password" && !spec.userKind) {
    // Short ones are guessable, and too short to redact from output safely.
    for (const auto& [k, v] : spec.inputs)
      if (k == "length") {
        long long length = plan::parseInteger(v).value_or(0);
        if (length < 8 || length > 4096) {
          auto range = inputRanges.find(k);
          diags_.report(DiagId::PasswordLengthOutOfRange,
                        range != inputRanges.end() ? range->second : decl.name.range, what, v);
        }
      }
  }
  if (spec.kind == "file" && !spec.userKind) {
    // What the host would refuse before touching anything, refused here (at
    // plan time too) for values that came from params.
    for (const auto& [k, v] : spec.inputs) {
      auto range = inputRanges.find(k);
      auto at = range != inputRanges.end() ? range->second : decl.name.range;
      if (k == "path" && !support::isAbsolutePath(v))
        diags_.report(DiagId::BadFileFieldValue, at, what, "'path'",
                      "an absolute path (starting with '/')", v);
      if (k == "mode" && !support::parseFileMode(v))
        diags_.report(DiagId::BadFileFieldValue, at, what, "'mode'",
                      "an octal mode of 3 or 4 digits 0-7 like \"0644\"", v);
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
  if (builtinFile && from && refersToSecret(from->content, p_.paramSet.secrets)) sealChecksum(spec);
  job.kind = JobKind::Resource;
  job.resource = static_cast<int>(out_.resources.size());
  out_.resources.push_back(std::move(spec));
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
    // make-magic's internal node: journaled, never shown or counted, so the
    // counts add up to the lines the operator sees.
    done.hidden = true;
    auto complete = add(std::move(done));
    for (std::int64_t j : index)
      if (j >= 0 && out_.jobs[j].successors.empty()) edge(static_cast<std::uint32_t>(j), complete);
  }
}

Job Builder::stageTask(const StagePlan& stage, int index, const std::string& host,
                       const std::optional<std::string>& each) {
  Where where = whereFor(host);
  where.each = each;
  Job job;
  job.name = stage.name;
  job.target = host;
  job.stage = index;
  job.each = each.value_or("");
  applyRetry(job, stage.retry);
  job.sudo = stage.sudo;
  std::vector<std::string> missing;
  const syntax::Field* run = stage.decl->field("run");
  setCommand(job, run, where, missing);
  if (missing.empty())
    reportBlankCommand(job, run, where, fmt::format("stage '{}'", stage.name), diags_);
  reportMissing(missing, fmt::format("stage '{}'", stage.name), where,
                run ? run->value.get() : nullptr, stage.decl->name.range, diags_);
  if (const syntax::Field* call = stage.decl->field("call")) {
    job.kind = JobKind::Call;
    job.method = valueText(*call->value, where, missing);
    auto typeOf = [this](const std::string& name) -> const sema::Type* {
      if (auto it = p_.pipelineParams.find(name); it != p_.pipelineParams.end())
        return it->second.type.get();
      if (auto it = p_.model.params.find(name); it != p_.model.params.end())
        return it->second.type.get();
      return nullptr;
    };
    const syntax::Field* args = stage.decl->field("args");
    job.args = args ? valueJson(*args->value, where, missing, typeOf).dump() : "{}";
    reportMissing(missing, fmt::format("stage '{}'", stage.name), where,
                  args ? args->value.get() : call->value.get(), stage.decl->name.range, diags_);
  }
  return job;
}

std::vector<std::uint32_t> Builder::requiresChecks(const PipelinePlan& plan) {
  std::vector<std::uint32_t> checks;
  const syntax::Field* required = p_.pipeline->field("requires");
  if (!required || required->value->kind != syntax::ExprKind::List) return checks;
  std::string names;
  for (const auto& op : required->value->operands)
    if (auto text = op->plainString()) names += " " + shellQuote(*text);
  std::vector<std::string> hosts;
  for (const StagePlan& s : plan.stages)
    for (const plan::StageTask& task : s.tasks)
      if (!exclude_.count(task.host) &&
          std::find(hosts.begin(), hosts.end(), task.host) == hosts.end())
        hosts.push_back(task.host);
  for (const auto& h : hosts) {
    Job check;
    check.name = "requires";
    check.target = h;
    check.kind = JobKind::Command;
    check.command = "missing=; for c in" + names +
                    "; do command -v \"$c\" >/dev/null 2>&1 || missing=\"$missing $c\"; done; "
                    "if [ -n \"$missing\" ]; then echo \"missing:$missing\" >&2; exit 127; fi";
    checks.push_back(add(std::move(check)));
  }
  return checks;
}

void Builder::pipeline(const PipelinePlan& plan) {
  std::map<std::string, std::uint32_t> hostIndex;
  auto hostOf = [&](const std::string& h) {
    auto [it, added] = hostIndex.emplace(h, static_cast<std::uint32_t>(hostIndex.size()));
    return it->second;
  };
  Job barrierJob;
  barrierJob.hidden = true;
  barrierJob.target = "local";
  std::vector<std::uint32_t> previous = requiresChecks(plan);  // what the next stage waits for

  for (std::size_t s = 0; s < plan.stages.size(); ++s) {
    const StagePlan& stage = plan.stages[s];
    StageInfo info;
    info.name = stage.name;
    info.summarize = stage.summarize;
    info.local = stage.local();
    info.batch = stage.batch;
    runtime::StageLimits limits;
    limits.concurrency = stage.concurrency;
    limits.perHost = stage.perHost;
    // call: needs each of the stage's hosts to run an agent: said now, not
    // halfway through the pipeline.
    if (const syntax::Field* call = stage.decl->field("call"); call && routes_) {
      for (const auto& task : stage.tasks) {
        auto route = std::find_if(routes_->begin(), routes_->end(),
                                  [&](const auto& r) { return r.name == task.host; });
        std::string how = route == routes_->end() ? "local" : route->connection;
        if (how == "agent" || exclude_.count(task.host)) continue;
        diags_.report(DiagId::CallNeedsAgent, call->value->range,
                      fmt::format("stage '{}'", stage.name), task.host,
                      how == "ssh" ? "over SSH" : "locally");
        break;
      }
    }

    // The stage's tasks, batch by batch: a batch starts when the previous one ended.
    std::vector<std::string> applyList;
    if (const syntax::Field* apply = stage.decl->field("apply");
        apply && apply->value->kind == syntax::ExprKind::List)
      for (const auto& op : apply->value->operands)
        if (op->kind == syntax::ExprKind::Name) applyList.push_back(op->name);
    std::vector<std::uint32_t> stageTasks;
    for (const auto& batch : stage.batches) {
      std::vector<std::uint32_t> batchTasks;
      for (const std::string& host : batch) {
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
          for (const plan::StageTask& task : stage.tasks) {
            if (task.host != host) continue;
            Job job = stageTask(stage, static_cast<int>(s), host, task.each);
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
      barrier.name = stage.name + " batch";
      auto b = add(std::move(barrier));
      for (std::uint32_t t : batchTasks) {
        // Only the jobs nothing else in the batch waits for (apply: graphs).
        if (out_.jobs[t].successors.empty()) edge(t, b);
      }
      previous = {b};
      stageTasks.insert(stageTasks.end(), batchTasks.begin(), batchTasks.end());
    }
    info.tasks = stageTasks.size();
    // max_fail: a count, or a percentage of the stage's tasks (those that run).
    if (stage.maxFail) limits.maxFail = stage.maxFail->of(info.tasks);
    out_.stages.push_back(info);
    out_.limits.push_back(limits);
  }
}

}  // namespace

RunProgram lower(const PreparedPlan& prepared, const PipelinePlan* pipeline,
                 const std::set<std::string>& exclude, diag::DiagnosticEngine& diags,
                 const std::vector<runtime::HostRoute>* routes) {
  RunProgram out;
  for (const auto& name : prepared.paramSet.secrets)
    if (auto it = prepared.paramSet.values.find(name); it != prepared.paramSet.values.end())
      out.secrets.push_back(it->second);
  Builder builder(prepared, out, exclude, routes, diags);
  if (pipeline)
    builder.pipeline(*pipeline);
  else
    builder.items();
  return out;
}

}  // namespace magicc::lower
