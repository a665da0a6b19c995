// --stage NAME (repeatable) and --start-at-stage NAME: the stages of a
// pipeline that run, as Ansible's --start-at-task picks up a play halfway.
// Checked once the graph is built: an unknown name is an error with a "did
// you mean", and so is a selected stage that applies a resource which needs
// (receives from, or is ordered after) a resource only a left-out stage
// applies: its value would be missing, or its order silently lost.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "diag/DiagnosticEngine.h"
#include "ir/Graph.h"
#include "sema/Sema.h"
#include "syntax/Ast.h"

namespace magicc::plan {

struct StageChoice {
  std::vector<std::string> only;  // --stage: these stages
  std::string startAt;            // --start-at-stage: this one and every later one
  bool empty() const { return only.empty() && startAt.empty(); }
};

// How a selection went: the names of the stages that run (nullopt: all of
// them), or an error reported; `usage` when the command line itself is
// wrong (no pipeline, an unknown name) rather than the program.
struct StageSelection {
  std::optional<std::set<std::string>> stages;
  bool ok = true;
  bool usage = false;
};

StageSelection selectStages(const StageChoice& choice, const syntax::PipelineDecl* pipeline,
                            const sema::SemanticModel& model, const ir::Graph& graph,
                            diag::DiagnosticEngine& diags);

}  // namespace magicc::plan
