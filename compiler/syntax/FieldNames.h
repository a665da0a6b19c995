// The fields each kind of block accepts (docs/language.md). Resource fields
// depend on the resource's kind and are checked by semantic analysis.
#pragma once

#include <span>
#include <string_view>

namespace magicc::syntax {

inline constexpr std::string_view kItemFields[] = {"if",          "depends", "run", "retries",
                                                   "retry_delay", "timeout", "meta"};
inline constexpr std::string_view kHostFields[] = {"address", "user", "port", "tags", "vars"};
inline constexpr std::string_view kStageFields[] = {
    "on",      "when_empty",  "allow_empty", "batch",     "concurrency", "per_host",
    "retries", "retry_delay", "timeout",     "max_fail",  "run",         "call",
    "args",    "apply",       "foreach",     "summarize", "sudo"};
inline constexpr std::string_view kPipelineFields[] = {"requires"};
inline constexpr std::string_view kKindFields[] = {"check", "apply"};

// An empty span: any field name is accepted here.
inline std::span<const std::string_view> knownFields(std::string_view owner) {
  if (owner == "item") return kItemFields;
  if (owner == "host") return kHostFields;
  if (owner == "stage") return kStageFields;
  if (owner == "pipeline") return kPipelineFields;
  if (owner == "kind") return kKindFields;
  return {};
}

// Fields whose value is a condition over tags and host vars.
inline bool isConditionField(std::string_view name) {
  return name == "if" || name == "on";
}

}  // namespace magicc::syntax
