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
    if (kind.severity == Severity::Error && errorLimit_ && errors_ >= errorLimit_) {
      // Past the limit an error is counted, not kept (a binary file would
      // otherwise yield one per byte).
      ++errors_;
      ++suppressed_;
      lastSuppressed_ = true;
      discarded_ = Diagnostic{};
      return discarded_;
    }
    return add(id, kind.severity, range,
               fmt::format(fmt::runtime(kind.format), std::forward<Args>(args)...));
  }

  // Attaches a note to the most recent diagnostic.
  template <typename... Args>
  void note(DiagId id, source::SourceRange range, Args&&... args) {
    if (diagnostics_.empty() || lastSuppressed_) return;
    diagnostics_.back().notes.push_back(
        {range, fmt::format(fmt::runtime(diagnosticKind(id).format), std::forward<Args>(args)...)});
  }

  // Adds a diagnostic reported elsewhere (a shared, already parsed file's).
  void append(const Diagnostic& d) {
    if (d.severity == Severity::Error && errorLimit_ && errors_ >= errorLimit_) {
      ++errors_;
      ++suppressed_;
      return;
    }
    Diagnostic& added = add(d.id, d.severity, d.range, d.message);
    added.notes = d.notes;
    added.fixIts = d.fixIts;
  }

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  std::size_t errorCount() const { return errors_; }
  std::size_t warningCount() const { return warnings_; }
  bool hasErrors() const { return errors_ > 0; }
  // Errors beyond this many are counted but not kept; 0 keeps all.
  void setErrorLimit(std::size_t limit) { errorLimit_ = limit; }
  // The limit is reached: the lexer and the parser stop there, as clang does
  // (a binary file would otherwise be read to the end for nothing).
  bool limitReached() const { return errorLimit_ && errors_ >= errorLimit_; }
  // Input was left unread because of the limit (the driver says so).
  void markStopped() { stopped_ = true; }
  bool stopped() const { return stopped_; }
  std::size_t suppressedCount() const { return suppressed_; }

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
  std::size_t errorLimit_ = 0;
  std::size_t suppressed_ = 0;
  bool lastSuppressed_ = false;
  bool stopped_ = false;
  Diagnostic discarded_;
};

}  // namespace magicc::diag
