#include "plan/StageSelection.h"

#include <fmt/format.h>

#include <map>

#include "support/Suggest.h"

namespace magicc::plan {

using diag::DiagId;

namespace {

// The resources a stage's apply: names, each with where it is named.
std::vector<std::pair<std::string, source::SourceRange>> appliedBy(const syntax::StageDecl& stage) {
  std::vector<std::pair<std::string, source::SourceRange>> out;
  const syntax::Field* apply = stage.field("apply");
  if (!apply || apply->value->kind != syntax::ExprKind::List) return out;
  for (const auto& op : apply->value->operands)
    if (op->kind == syntax::ExprKind::Name) out.emplace_back(op->name, op->range);
  return out;
}

// The stage a name names, or a report (with the stages there are).
bool knownStage(const std::string& name, const char* option, const syntax::PipelineDecl& pipeline,
                diag::DiagnosticEngine& diags) {
  std::vector<std::string_view> names;
  for (const auto& stage : pipeline.stages) {
    if (stage.name.name == name) return true;
    names.push_back(stage.name.name);
  }
  diags.report(DiagId::UnknownStage, source::SourceRange{}, option, pipeline.name.name, name,
               support::didYouMean(name, names));
  diags.note(DiagId::DeclaredHere, pipeline.name.range,
             fmt::format("pipeline '{}'", pipeline.name.name));
  return false;
}

}  // namespace

StageSelection selectStages(const StageChoice& choice, const syntax::PipelineDecl* pipeline,
                            const sema::SemanticModel& model, const ir::Graph& graph,
                            diag::DiagnosticEngine& diags) {
  StageSelection out;
  if (choice.empty()) return out;
  const char* option = choice.only.empty() ? "--start-at-stage" : "--stage";
  if (!pipeline) {
    diags.report(DiagId::StagesWithoutPipeline, source::SourceRange{}, option);
    out.ok = false;
    out.usage = true;
    return out;
  }
  bool known = true;
  for (const auto& name : choice.only)
    known = knownStage(name, "--stage", *pipeline, diags) && known;
  if (!choice.startAt.empty())
    known = knownStage(choice.startAt, "--start-at-stage", *pipeline, diags) && known;
  if (!known) {
    out.ok = false;
    out.usage = true;
    return out;
  }
  std::set<std::string> chosen(choice.only.begin(), choice.only.end());
  bool started = false;
  if (!choice.startAt.empty())
    for (const auto& stage : pipeline->stages) {
      started = started || stage.name.name == choice.startAt;
      if (started) chosen.insert(stage.name.name);
    }

  // Which stages apply each node: the selected ones, and the first left-out one.
  std::vector<char> appliedChosen(graph.nodes.size(), 0);
  std::map<int, const syntax::StageDecl*> appliedSkipped;
  for (const auto& stage : pipeline->stages)
    for (const auto& [name, range] : appliedBy(stage))
      if (const sema::NodeInfo* n = model.findNode(name)) {
        if (chosen.count(stage.name.name))
          appliedChosen[n->id] = 1;
        else
          appliedSkipped.emplace(n->id, &stage);
      }

  for (const auto& stage : pipeline->stages) {
    if (!chosen.count(stage.name.name)) continue;
    for (const auto& [name, range] : appliedBy(stage)) {
      const sema::NodeInfo* n = model.findNode(name);
      std::set<ir::NodeId> reported;
      if (!n || static_cast<std::size_t>(n->id) + 1 >= graph.inStart.size()) continue;
      for (auto e = graph.inStart[n->id]; e < graph.inStart[n->id + 1]; ++e) {
        const ir::Edge& edge = graph.edges[e];
        if (appliedChosen[edge.from]) continue;
        auto skipped = appliedSkipped.find(static_cast<int>(edge.from));
        if (skipped == appliedSkipped.end() || !reported.insert(edge.from).second) continue;
        std::string what =
            edge.kind == ir::Edge::Kind::SendRecv
                ? fmt::format("'{}.{}' (sent to '{}.{}')", graph.nameOf(edge.from),
                              graph.names.name(edge.fromField), name,
                              graph.names.name(edge.toField))
                : fmt::format("'{}' (which '{}' comes after)", graph.nameOf(edge.from), name);
        diags.report(DiagId::SkippedStageNeeded, range, stage.name.name, what,
                     skipped->second->name.name);
        diags.note(DiagId::DeclaredHere, skipped->second->name.range,
                   fmt::format("stage '{}'", skipped->second->name.name));
        out.ok = false;
      }
    }
  }
  out.stages = std::move(chosen);
  return out;
}

}  // namespace magicc::plan
