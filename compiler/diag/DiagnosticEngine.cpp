#include "diag/DiagnosticEngine.h"

#include <algorithm>
#include <array>

namespace magicc::diag {

namespace {

constexpr std::array<DiagnosticKind, static_cast<std::size_t>(DiagId::Count)> kKinds = {{
#define DIAG(id, severity, format) {#id, Severity::severity, format},
#include "diag/DiagnosticKinds.def"
#undef DIAG
}};

}  // namespace

std::string_view severityName(Severity s) {
  switch (s) {
    case Severity::Note:
      return "note";
    case Severity::Warning:
      return "warning";
    case Severity::Error:
      return "error";
  }
  return "error";
}

const DiagnosticKind& diagnosticKind(DiagId id) {
  return kKinds.at(static_cast<std::size_t>(id));
}

Diagnostic& DiagnosticEngine::add(DiagId id, Severity severity, source::SourceRange range,
                                  std::string message) {
  if (severity == Severity::Error) ++errors_;
  if (severity == Severity::Warning) ++warnings_;
  lastSuppressed_ = false;
  Diagnostic& d = diagnostics_.emplace_back();
  d.id = id;
  d.severity = severity;
  d.range = range;
  d.message = std::move(message);
  return d;
}

void DiagnosticEngine::sortByLocation() {
  std::stable_sort(
      diagnostics_.begin(), diagnostics_.end(),
      [](const Diagnostic& a, const Diagnostic& b) { return a.range.begin < b.range.begin; });
}

void DiagnosticEngine::promoteWarnings() {
  for (auto& d : diagnostics_) {
    if (d.severity == Severity::Warning) {
      d.severity = Severity::Error;
      --warnings_;
      ++errors_;
    }
  }
}

void DiagnosticEngine::clear() {
  diagnostics_.clear();
  errors_ = warnings_ = suppressed_ = 0;
  lastSuppressed_ = stopped_ = false;
}

}  // namespace magicc::diag
