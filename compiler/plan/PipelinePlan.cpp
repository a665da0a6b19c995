// A pipeline's stages, expanded: hosts from `on:`, `foreach` elements, batches.
#include "plan/PipelinePlan.h"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "plan/HostHint.h"
#include "plan/Plan.h"

namespace magicc::plan {

using diag::DiagId;

namespace {

std::string sourceText(const source::SourceManager& sources, source::SourceRange r) {
  std::string_view text = sources.text(r.begin.file);
  return std::string(text.substr(r.begin.offset, r.end.offset - r.begin.offset));
}

std::string scalar(const syntax::Expr& e) {
  if (e.kind == syntax::ExprKind::String) return e.plainString().value_or("");
  if (e.kind == syntax::ExprKind::Int) return std::to_string(e.intValue);
  if (e.kind == syntax::ExprKind::Name) return e.name;
  return "";
}

// The elements of `foreach:`: a literal list, or a list param (comma-separated).
std::vector<std::string> foreachElements(const syntax::Expr& e, const ParamSet& params) {
  std::vector<std::string> out;
  if (e.kind == syntax::ExprKind::List) {
    for (const auto& op : e.operands) out.push_back(scalar(*op));
  } else if (e.kind == syntax::ExprKind::Name) {
    auto it = params.values.find(e.name);
    if (it != params.values.end()) {
      std::stringstream in(it->second);
      std::string part;
      while (std::getline(in, part, ','))
        if (!part.empty()) out.push_back(part);
    }
  }
  return out;
}

bool boolField(const syntax::StageDecl& stage, const char* name) {
  const syntax::Field* f = stage.field(name);
  return f && f->value->kind == syntax::ExprKind::Bool && f->value->boolValue;
}

// A message with its ${param}s filled in (secrets as "(sensitive)").
std::string renderMessage(const syntax::Expr& e, const ParamSet& params) {
  std::string out;
  for (const auto& part : e.parts) {
    if (part.kind == syntax::StringPart::Kind::Literal) {
      out += part.text;
    } else if (std::find(params.secrets.begin(), params.secrets.end(), part.text) !=
               params.secrets.end()) {
      out += "(sensitive)";
    } else if (auto it = params.values.find(part.text); it != params.values.end()) {
      out += it->second;
    } else {
      out += "${" + part.text + "}";
    }
  }
  return out;
}

// The stage's limits and retries, from literals or params.
void readLimits(const syntax::StageDecl& stage, const ParamSet& params,
                diag::DiagnosticEngine& diags, StagePlan& s) {
  QuantityReader read(params.values, diags, fmt::format("stage '{}'", stage.name.name));
  s.batch = read.count(stage.field("batch"), 1).value_or(0);
  s.concurrency = static_cast<unsigned>(read.count(stage.field("concurrency"), 1).value_or(0));
  s.perHost = static_cast<unsigned>(read.count(stage.field("per_host"), 1).value_or(0));
  s.maxFail = read.share(stage.field("max_fail"));
  s.retry.retries = static_cast<int>(read.count(stage.field("retries"), 0).value_or(0));
  s.retry.retryDelay = read.duration(stage.field("retry_delay")).value_or(s.retry.retryDelay);
  s.retry.timeout = read.duration(stage.field("timeout")).value_or(s.retry.timeout);
  s.summarize = boolField(stage, "summarize");
  s.sudo = boolField(stage, "sudo");
}

}  // namespace

std::optional<PipelinePlan> planPipeline(const syntax::PipelineDecl& pipeline,
                                         const inventory::Inventory& inventory,
                                         const ParamSet& params, ir::NameTable& names,
                                         const source::SourceManager& sources,
                                         diag::DiagnosticEngine& diags,
                                         const std::set<std::string>* chosen,
                                         const std::set<std::string>* stages) {
  PipelinePlan p;
  p.name = pipeline.name.name;
  for (const auto& name : params.names) {
    bool secret =
        std::find(params.secrets.begin(), params.secrets.end(), name) != params.secrets.end();
    p.params.emplace_back(name, secret ? "(sensitive)" : params.values.at(name));
  }
  std::vector<Target> hosts;
  // A stage's on: sees each host's own tags and vars (not --require).
  for (const auto& [name, host] : inventory.hosts) hosts.push_back(hostTarget(host, {}, names));

  std::size_t errors = diags.errorCount();
  for (const syntax::StageDecl& stage : pipeline.stages) {
    if (stages && !stages->count(stage.name.name)) {
      p.skippedStages.push_back(stage.name.name);
      continue;
    }
    StagePlan s;
    s.decl = &stage;
    s.name = stage.name.name;
    std::vector<std::string> elements;
    const syntax::Field* each = stage.field("foreach");
    if (each) elements = foreachElements(*each->value, params);
    std::vector<std::string> selected;
    if (const syntax::Field* on = stage.field("on")) {
      std::string text = sourceText(sources, on->value->range);
      s.on = text;
      ir::Condition cond = ir::lowerCondition(*on->value, text, names);
      for (const Target& h : hosts)
        if (ir::evaluate(cond, h.reqs, params.values)) selected.push_back(h.name);
      if (selected.empty() && !boolField(stage, "allow_empty")) {
        const syntax::Field* message = stage.field("when_empty");
        std::string why = message ? renderMessage(*message->value, params)
                                  : "no host satisfies " + text + noHostHint(*on->value, inventory);
        diags.report(DiagId::StageHasNoHosts, on->value->range, stage.name.name, why);
      }
      if (chosen)
        selected.erase(std::remove_if(selected.begin(), selected.end(),
                                      [&](const std::string& h) { return !chosen->count(h); }),
                       selected.end());
    } else {
      selected.push_back("local");
    }
    for (const auto& host : selected) {
      if (!each) {
        s.tasks.push_back({host, std::nullopt});
        continue;
      }
      for (const auto& element : elements) s.tasks.push_back({host, element});
    }
    readLimits(stage, params, diags, s);
    for (std::size_t i = 0; i < selected.size();) {
      std::size_t size = s.batch > 0 ? static_cast<std::size_t>(s.batch) : selected.size();
      std::vector<std::string> b;
      for (std::size_t k = 0; k < size && i < selected.size(); ++k) b.push_back(selected[i++]);
      s.batches.push_back(std::move(b));
    }
    if (const syntax::Field* run = stage.field("run"))
      s.run = sourceText(sources, run->value->range);
    if (const syntax::Field* call = stage.field("call")) s.call = scalar(*call->value);
    p.stages.push_back(std::move(s));
  }
  if (diags.errorCount() > errors) return std::nullopt;
  return p;
}

Json toJson(const PipelinePlan& pipeline) {
  Json p;
  p["name"] = pipeline.name;
  Json shown = Json::object();
  for (const auto& [name, value] : pipeline.params) shown[name] = value;
  p["params"] = std::move(shown);
  Json stages = Json::array();
  for (const StagePlan& stage : pipeline.stages) {
    Json s;
    s["name"] = stage.name;
    if (stage.on)
      s["on"] = *stage.on;
    else
      s["local"] = true;
    Json tasks = Json::array();
    for (const StageTask& task : stage.tasks) {
      if (task.each)
        tasks.push_back({{"host", task.host}, {"each", *task.each}});
      else
        tasks.push_back({{"host", task.host}});
    }
    s["tasks"] = std::move(tasks);
    Json batches = Json::array();
    for (const auto& batch : stage.batches) batches.push_back(batch);
    s["batches"] = std::move(batches);
    if (stage.run) s["run"] = *stage.run;
    if (stage.call) s["call"] = *stage.call;
    stages.push_back(std::move(s));
  }
  p["stages"] = std::move(stages);
  if (!pipeline.skippedStages.empty()) p["skipped_stages"] = pipeline.skippedStages;
  return p;
}

std::optional<PipelinePlan> planPipeline(PreparedPlan& prepared) {
  if (!prepared.pipeline) return std::nullopt;
  return planPipeline(*prepared.pipeline, prepared.inventory, prepared.paramSet,
                      prepared.graph->names, prepared.sources(), prepared.diags(),
                      prepared.chosenHosts ? &*prepared.chosenHosts : nullptr,
                      prepared.selectedStages ? &*prepared.selectedStages : nullptr);
}

}  // namespace magicc::plan
