// How the driver prints diagnostics: console text (colour on a TTY) or JSON.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "diag/DiagnosticEngine.h"
#include "source/SourceManager.h"

namespace magicc::driver {

enum class ColorMode { Auto, Always, Never };
enum class DiagnosticsFormat { Text, Json };

struct DiagnosticOptions {
  ColorMode color = ColorMode::Auto;
  DiagnosticsFormat format = DiagnosticsFormat::Text;
  bool warningsAsErrors = false;
  std::size_t errorLimit = 50;  // 0: no limit
  // JSON as one line, `{"event":"diagnostics",...}`, among a run's events.
  bool eventLine = false;
  // run --log-file: the diagnostics as plain text, to the log too.
  std::function<void(const std::string&)> alsoLog;
};

// --color, --diagnostics-format, --Werror and --error-limit on `cmd`; the
// words are mapped onto `options` once `cmd` is parsed.
void addDiagnosticOptions(CLI::App& cmd, DiagnosticOptions& options);

// Sorts, prints and summarises the diagnostics; text goes to stderr, JSON to stdout.
void emitDiagnostics(diag::DiagnosticEngine& diags, const source::SourceManager& sources,
                     const DiagnosticOptions& options);

}  // namespace magicc::driver
