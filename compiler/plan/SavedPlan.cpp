#include "plan/SavedPlan.h"

#include <fmt/format.h>

#include <stdexcept>

#include "plan/Invocation.h"
#include "plan/Plan.h"
#include "plan/PlanFile.h"

namespace magicc::plan {

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
  try {
    if (!saved.doc.contains("invocation") || !saved.doc.contains("source_hash") ||
        !saved.doc.at("source_hash").is_string() || !saved.doc.contains("targets") ||
        !saved.doc.at("targets").is_array())
      throw std::runtime_error("no invocation");
    saved.request = planRequestFrom(saved.doc.at("invocation"));
  } catch (const std::exception&) {
    out.error =
        fmt::format("'{}' is not a plan magicc can run (make it with magicc plan -o)", path);
    return out;
  }
  out.plan = std::move(saved);
  return out;
}

std::string savedPlanDiffers(const SavedPlan& saved, const std::string& savedPath,
                             const PreparedPlan& prepared, const std::string& sourceHash,
                             const PipelinePlan* pipeline) {
  if (saved.doc.at("source_hash") != sourceHash)
    return fmt::format(
        "{} was planned from a different version of {} (source hash {}, now {}); "
        "make the plan again",
        savedPath, saved.request.file, saved.doc.at("source_hash").get<std::string>(), sourceHash);
  // Exactly that plan: the same targets and stages, or nothing runs.
  Json now = planTargets(*prepared.graph, prepared.targets, prepared.keep);
  bool same = now == saved.doc.at("targets") &&
              (!pipeline ||
               (saved.doc.contains("pipeline") && toJson(*pipeline) == saved.doc.at("pipeline")));
  if (!same)
    return fmt::format(
        "{} no longer matches what the program and inventory give (targets or stages "
        "changed); make the plan again",
        savedPath);
  return "";
}

}  // namespace magicc::plan
