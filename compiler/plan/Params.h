// Param values for a run: from -D name=value, else the default, else asked
// for on a terminal; each checked against its type and `matches` before
// anything is planned or run.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diag/DiagnosticEngine.h"
#include "ir/Condition.h"
#include "plan/VarsFile.h"
#include "sema/Sema.h"

namespace magicc::plan {

// Asks for a missing value (nullopt: no terminal, or the user gave up).
using Prompt = std::function<std::optional<std::string>(const sema::ParamInfo&)>;

struct ParamSet {
  ir::ParamValues values;            // every param that has a value, as text
  std::vector<std::string> names;    // sorted, for the plan's "params"
  std::vector<std::string> secrets;  // names of secret params (never shown)
  std::vector<std::string> given;    // given by -D or a vars file (not defaults), by name
};

// Resolves `params` (top-level and, for a pipeline, its own) from `given`
// (-D name=value and vars files' entries, the later winning). Reports unknown
// names, bad values and missing ones (all of them, by name) and returns
// nullopt on any error. Values are canonical
// (plan/ParamValue.h). `elsewhere` names where a param not in `params` is
// declared ("pipeline 'deploy'"), for the message when -D names it.
std::optional<ParamSet> resolveParams(const std::vector<const sema::ParamInfo*>& params,
                                      const std::vector<GivenParam>& given, const Prompt& prompt,
                                      diag::DiagnosticEngine& diags,
                                      const std::map<std::string, std::string>& elsewhere = {});

}  // namespace magicc::plan
