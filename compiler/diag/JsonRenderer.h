// Renders diagnostics as JSON for tools: positions are 1-based line and byte
// column, like the console output.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "diag/Diagnostic.h"
#include "source/SourceManager.h"

namespace magicc::diag {

nlohmann::json toJson(const Diagnostic& d, const source::SourceManager& sources);
// {"diagnostics": [...], "errors": N, "warnings": N}
nlohmann::json toJson(const std::vector<Diagnostic>& ds, const source::SourceManager& sources);

}  // namespace magicc::diag
