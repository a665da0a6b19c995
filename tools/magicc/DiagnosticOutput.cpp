#include "DiagnosticOutput.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>
#include "diag/ConsoleRenderer.h"
#include "diag/JsonRenderer.h"

namespace magicc::driver {

namespace {

bool useColor(ColorMode mode) {
  if (mode == ColorMode::Always) return true;
  if (mode == ColorMode::Never) return false;
  const char* term = std::getenv("TERM");
  if (std::getenv("NO_COLOR") || (term && std::strcmp(term, "dumb") == 0)) return false;
  return isatty(STDERR_FILENO);
}

}  // namespace

void emitDiagnostics(diag::DiagnosticEngine& diags, const source::SourceManager& sources,
                     const DiagnosticOptions& options) {
  if (options.warningsAsErrors) diags.promoteWarnings();
  diags.sortByLocation();
  if (options.format == DiagnosticsFormat::Json) {
    auto json = diag::toJson(diags.diagnostics(), sources);
    std::string text = json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fputc('\n', stdout);
    return;
  }
  diag::ConsoleRenderer renderer(sources, {useColor(options.color)});
  std::string out;
  for (const auto& d : diags.diagnostics()) renderer.render(d, out);
  if (diags.suppressedCount())
    out += fmt::format("magicc: note: {} more errors not shown (--error-limit={})\n",
                       diags.suppressedCount(), options.errorLimit);
  if (diags.stopped())
    out += fmt::format(
        "magicc: note: too many errors; the rest of the input was not read "
        "(--error-limit={})\n",
        options.errorLimit);
  std::string summary = diag::ConsoleRenderer::summary(diags.errorCount(), diags.warningCount());
  if (!summary.empty()) out += summary + "\n";
  std::fwrite(out.data(), 1, out.size(), stderr);
}

}  // namespace magicc::driver
