// A pipeline's stages, expanded: hosts from `on:`, `foreach` elements, batches.
#include <algorithm>
#include <charconv>
#include <sstream>

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

std::int64_t intField(const syntax::StageDecl& stage, const char* name, const ParamSet& params,
                      std::int64_t fallback) {
  const syntax::Field* f = stage.field(name);
  if (!f) return fallback;
  if (f->value->kind == syntax::ExprKind::Int) return f->value->intValue;
  if (f->value->kind == syntax::ExprKind::Name) {
    auto it = params.values.find(f->value->name);
    long long n = 0;
    if (it != params.values.end()) {
      auto [ptr, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), n);
      if (ec == std::errc()) return n;
    }
  }
  return fallback;
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

}  // namespace

std::optional<Json> planPipeline(const syntax::PipelineDecl& pipeline,
                                 const inventory::Inventory& inventory, const ParamSet& params,
                                 ir::NameTable& names, const source::SourceManager& sources,
                                 diag::DiagnosticEngine& diags) {
  Json p;
  p["name"] = pipeline.name.name;
  Json shown = Json::object();
  for (const auto& name : params.names) {
    bool secret =
        std::find(params.secrets.begin(), params.secrets.end(), name) != params.secrets.end();
    shown[name] = secret ? "(sensitive)" : params.values.at(name);
  }
  p["params"] = std::move(shown);
  std::vector<Target> hosts;
  // A stage's on: sees each host's own tags and vars (not --require).
  for (const auto& [name, host] : inventory.hosts) hosts.push_back(hostTarget(host, {}, names));

  Json stages = Json::array();
  bool ok = true;
  for (const syntax::StageDecl& stage : pipeline.stages) {
    Json s;
    s["name"] = stage.name.name;
    std::vector<std::string> elements;
    const syntax::Field* each = stage.field("foreach");
    if (each) elements = foreachElements(*each->value, params);
    std::vector<std::string> selected;
    if (const syntax::Field* on = stage.field("on")) {
      std::string text = sourceText(sources, on->value->range);
      s["on"] = text;
      ir::Condition cond = ir::lowerCondition(*on->value, text, names);
      for (const Target& h : hosts)
        if (ir::evaluate(cond, h.reqs, params.values)) selected.push_back(h.name);
      if (selected.empty() && !boolField(stage, "allow_empty")) {
        const syntax::Field* message = stage.field("when_empty");
        std::string why =
            message ? renderMessage(*message->value, params) : "no host satisfies " + text;
        diags.report(DiagId::StageHasNoHosts, on->value->range, stage.name.name, why);
        ok = false;
      }
    } else {
      s["local"] = true;
      selected.push_back("local");
    }
    Json tasks = Json::array();
    for (const auto& host : selected) {
      if (!each) {
        tasks.push_back({{"host", host}});
        continue;
      }
      for (const auto& element : elements) tasks.push_back({{"host", host}, {"each", element}});
    }
    s["tasks"] = std::move(tasks);
    std::int64_t batch = intField(stage, "batch", params, 0);
    if (const syntax::Field* f = stage.field("batch"); f && batch < 1) {
      // A literal was checked already; a param's value is checked here.
      diags.report(DiagId::ValueOutOfRange, f->value->range, "'batch'", ">= 1", batch);
      ok = false;
    }
    Json batches = Json::array();
    for (std::size_t i = 0; i < selected.size();) {
      std::size_t size = batch > 0 ? static_cast<std::size_t>(batch) : selected.size();
      Json b = Json::array();
      for (std::size_t k = 0; k < size && i < selected.size(); ++k) b.push_back(selected[i++]);
      batches.push_back(std::move(b));
    }
    s["batches"] = std::move(batches);
    if (const syntax::Field* run = stage.field("run"))
      s["run"] = sourceText(sources, run->value->range);
    if (const syntax::Field* call = stage.field("call")) s["call"] = scalar(*call->value);
    stages.push_back(std::move(s));
  }
  p["stages"] = std::move(stages);
  if (!ok) return std::nullopt;
  return p;
}

}  // namespace magicc::plan
