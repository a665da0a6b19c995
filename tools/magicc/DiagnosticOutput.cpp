#include "DiagnosticOutput.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

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
  if (options.alsoLog) {
    diag::ConsoleRenderer plain(sources, {false});
    std::string text;
    for (const auto& d : diags.diagnostics()) plain.render(d, text);
    text += diag::ConsoleRenderer::summary(diags.errorCount(), diags.warningCount());
    while (!text.empty() && text.back() == '\n') text.pop_back();
    if (!text.empty()) options.alsoLog(text);
  }
  if (options.format == DiagnosticsFormat::Json) {
    auto json = diag::toJson(diags.diagnostics(), sources);
    std::string text;
    if (options.eventLine) {
      nlohmann::ordered_json event{{"event", "diagnostics"}};
      for (auto& [key, value] : json.items()) event[key] = value;
      text = event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } else {
      text = json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    }
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

// Read as words and mapped once parsing is done, so that CLI11 names the
// accepted words in its error message.
void addDiagnosticOptions(CLI::App& cmd, DiagnosticOptions& options) {
  struct Words {
    std::string color = "auto";
    std::string format = "text";
  };
  auto words = std::make_shared<Words>();
  cmd.add_option("--color", words->color, "Colour diagnostics: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd.add_option("--diagnostics-format", words->format, "Diagnostics as text or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd.add_flag("--Werror", options.warningsAsErrors, "Treat warnings as errors");
  cmd.add_option("--error-limit", options.errorLimit, "Show at most N errors (0: all)")
      ->capture_default_str();
  cmd.parse_complete_callback([words, &options] {
    options.color = words->color == "always"  ? ColorMode::Always
                    : words->color == "never" ? ColorMode::Never
                                              : ColorMode::Auto;
    options.format = words->format == "json" ? DiagnosticsFormat::Json : DiagnosticsFormat::Text;
  });
}

}  // namespace magicc::driver
