// Collects the diagnostics of a compilation. Phases report into it; the driver
// or the language server decides how to render them.
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <vector>

#include "diag/Diagnostic.h"

namespace magicc::diag {

class DiagnosticEngine {
 public:
  template <typename... Args>
  Diagnostic& report(DiagId id, source::SourceRange range, Args&&... args) {
    const DiagnosticKind& kind = diagnosticKind(id);
    return add(id, kind.severity, range,
               fmt::format(fmt::runtime(kind.format), std::forward<Args>(args)...));
  }

  // Attaches a note to the most recent diagnostic.
  template <typename... Args>
  void note(DiagId id, source::SourceRange range, Args&&... args) {
    if (diagnostics_.empty()) return;
    diagnostics_.back().notes.push_back(
        {range, fmt::format(fmt::runtime(diagnosticKind(id).format), std::forward<Args>(args)...)});
  }

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  std::size_t errorCount() const { return errors_; }
  std::size_t warningCount() const { return warnings_; }
  bool hasErrors() const { return errors_ > 0; }

  // Orders by file, then position (stable, so equal positions keep report order).
  void sortByLocation();
  // Turns every warning into an error (-Werror).
  void promoteWarnings();
  void clear();

 private:
  Diagnostic& add(DiagId id, Severity severity, source::SourceRange range, std::string message);

  std::vector<Diagnostic> diagnostics_;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
};

}  // namespace magicc::diag
